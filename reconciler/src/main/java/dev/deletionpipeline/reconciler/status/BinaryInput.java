package dev.deletionpipeline.reconciler.status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads what {@link BinaryOutput} wrote. A value that does not fit fails with {@link IllegalArgumentException} or
 * {@link java.nio.BufferUnderflowException}, which {@link BinarySerde} reports.
 */
final class BinaryInput {

    private final ByteBuffer in;

    BinaryInput(byte[] bytes, int offset) {
        in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    }

    boolean bool() {
        byte flag = in.get();
        if (flag != BinaryOutput.ABSENT && flag != BinaryOutput.PRESENT) {
            throw new IllegalArgumentException("Not a flag: " + flag);
        }
        return flag == BinaryOutput.PRESENT;
    }

    int integer() {
        return in.getInt();
    }

    long longValue() {
        return in.getLong();
    }

    Long nullableLong() {
        return bool() ? in.getLong() : null;
    }

    UUID uuid() {
        return new UUID(in.getLong(), in.getLong());
    }

    UUID nullableUuid() {
        return bool() ? uuid() : null;
    }

    Instant instant() {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    Instant nullableInstant() {
        return bool() ? instant() : null;
    }

    String text() {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("Not a text length: " + length);
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    String nullableText() {
        return bool() ? text() : null;
    }

    <E extends Enum<E>> E nullableName(Class<E> type) {
        String name = nullableText();
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Everything was read: a value longer than its format says is not that format. */
    void end() {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes left over");
        }
    }
}

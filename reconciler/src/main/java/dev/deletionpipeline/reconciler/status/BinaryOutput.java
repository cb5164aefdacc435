package dev.deletionpipeline.reconciler.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** A growing big-endian buffer for {@link BinarySerde}'s values, read back by {@link BinaryInput}. */
final class BinaryOutput {

    static final byte ABSENT = 0;
    static final byte PRESENT = 1;

    private byte[] bytes = new byte[256];
    private int size;

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void oneByte(byte value) {
        ensure(1);
        bytes[size++] = value;
    }

    /** Also the presence flag in front of every nullable value. */
    void bool(boolean value) {
        oneByte(value ? PRESENT : ABSENT);
    }

    void integer(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void longValue(long value) {
        integer((int) (value >>> 32));
        integer((int) value);
    }

    void nullableLong(Long value) {
        bool(value != null);
        if (value != null) {
            longValue(value);
        }
    }

    void uuid(UUID value) {
        longValue(value.getMostSignificantBits());
        longValue(value.getLeastSignificantBits());
    }

    void nullableUuid(UUID value) {
        bool(value != null);
        if (value != null) {
            uuid(value);
        }
    }

    void instant(Instant value) {
        longValue(value.getEpochSecond());
        integer(value.getNano());
    }

    void nullableInstant(Instant value) {
        bool(value != null);
        if (value != null) {
            instant(value);
        }
    }

    void text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        integer(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    void nullableText(String value) {
        bool(value != null);
        if (value != null) {
            text(value);
        }
    }

    /** By name, so that a reordered enum still reads back. */
    void nullableName(Enum<?> value) {
        nullableText(value == null ? null : value.name());
    }
}

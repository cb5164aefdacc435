package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.json.JsonSerde;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@link TrackingStores#DELETIONS} store's value format: a compact binary form written by hand, because the JSON
 * form cost about a quarter of the stream thread's CPU (README, Throughput). Every value read starts with its format:
 * {@link #BINARY_V1}, or {@code '{'} for the JSON of earlier versions, which is still read so that stores and changelog
 * topics written before keep working; values are written binary unless {@link TrackingStoreFormat#JSON} says
 * otherwise (a rolling upgrade). Only the store uses it: nothing outside the reconciler reads the changelog. A new field of {@link TrackedDeletion} or {@link BlockSoftDeleted} needs a new format
 * byte, with the older ones still read.
 */
final class TrackedDeletionSerde implements Serde<TrackedDeletion> {

    static final byte BINARY_V1 = 1;

    private static final byte JSON_START = '{';
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;

    private final JsonSerde<TrackedDeletion> jsonSerde = new JsonSerde<>(TrackedDeletion.class);
    private final Deserializer<TrackedDeletion> json = jsonSerde.deserializer();
    private final TrackingStoreFormat writes;

    /** @param writes the format of the values written; both are read */
    TrackedDeletionSerde(TrackingStoreFormat writes) {
        this.writes = writes;
    }

    @Override
    public Serializer<TrackedDeletion> serializer() {
        if (writes == TrackingStoreFormat.JSON) {
            return jsonSerde.serializer();
        }
        return (topic, deletion) -> deletion == null ? null : write(deletion);
    }

    @Override
    public Deserializer<TrackedDeletion> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return json.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != BINARY_V1) {
                throw new SerializationException("Unknown format of a stored deletion in " + topic);
            }
            try {
                return read(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new SerializationException("Unreadable stored deletion in " + topic, e);
            }
        };
    }

    static byte[] write(TrackedDeletion deletion) {
        Output out = new Output();
        out.bytes[out.size++] = BINARY_V1;
        out.uuid(deletion.blockId());
        out.uuid(deletion.deletionId());
        out.uuid(deletion.ownerId());
        out.text(deletion.state().name());
        out.nullableText(deletion.reason());
        out.nullableInstant(deletion.softDeletedAt());
        out.nullableInstant(deletion.purgeAfter());
        out.nullableInstant(deletion.restoredAt());
        out.nullableInstant(deletion.confirmedAt());
        out.instant(deletion.updatedAt());
        out.uuid(deletion.lastEventId());
        out.integer(deletion.redriveAttempts());
        out.nullableInstant(deletion.deadlineAt());
        BlockSoftDeleted request = deletion.request();
        if (request == null) {
            out.flag(false);
        } else {
            out.flag(true);
            writeRequest(out, request);
        }
        out.integer(deletion.seenEventKeys().size());
        for (String key : deletion.seenEventKeys()) {
            out.text(key);
        }
        out.nullableInstant(deletion.estimatedFinish());
        return Arrays.copyOf(out.bytes, out.size);
    }

    private static void writeRequest(Output out, BlockSoftDeleted request) {
        out.uuid(request.eventId());
        out.uuid(request.deletionId());
        out.uuid(request.blockId());
        out.uuid(request.ownerId());
        out.text(request.calendarId());
        out.nullableText(request.googleEventId());
        out.nullableUuid(request.originalId());
        out.nullableText(request.recurringEventId());
        out.text(request.kind().name());
        out.instant(request.deletedAt());
        out.instant(request.purgeAfter());
        out.nullableUuid(request.redriveOf());
        out.nullableInstant(request.dueBy());
    }

    private static TrackedDeletion read(ByteBuffer in) {
        UUID blockId = uuid(in);
        UUID deletionId = uuid(in);
        UUID ownerId = uuid(in);
        DeletionState state = DeletionState.valueOf(text(in));
        String reason = nullableText(in);
        Instant softDeletedAt = nullableInstant(in);
        Instant purgeAfter = nullableInstant(in);
        Instant restoredAt = nullableInstant(in);
        Instant confirmedAt = nullableInstant(in);
        Instant updatedAt = instant(in);
        UUID lastEventId = uuid(in);
        int redriveAttempts = in.getInt();
        Instant deadlineAt = nullableInstant(in);
        BlockSoftDeleted request = present(in) ? readRequest(in) : null;
        int seen = in.getInt();
        List<String> seenEventKeys = new ArrayList<>(seen);
        for (int i = 0; i < seen; i++) {
            seenEventKeys.add(text(in));
        }
        Instant estimatedFinish = nullableInstant(in);
        return new TrackedDeletion(
                blockId,
                deletionId,
                ownerId,
                state,
                reason,
                softDeletedAt,
                purgeAfter,
                restoredAt,
                confirmedAt,
                updatedAt,
                lastEventId,
                redriveAttempts,
                deadlineAt,
                request,
                seenEventKeys,
                estimatedFinish);
    }

    private static BlockSoftDeleted readRequest(ByteBuffer in) {
        return new BlockSoftDeleted(
                uuid(in),
                uuid(in),
                uuid(in),
                uuid(in),
                text(in),
                nullableText(in),
                present(in) ? uuid(in) : null,
                nullableText(in),
                BlockKind.valueOf(text(in)),
                instant(in),
                instant(in),
                present(in) ? uuid(in) : null,
                nullableInstant(in));
    }

    private static boolean present(ByteBuffer in) {
        byte flag = in.get();
        if (flag != ABSENT && flag != PRESENT) {
            throw new IllegalArgumentException("Not a presence flag: " + flag);
        }
        return flag == PRESENT;
    }

    private static UUID uuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    private static Instant instant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static Instant nullableInstant(ByteBuffer in) {
        return present(in) ? instant(in) : null;
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("Not a text length: " + length);
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static String nullableText(ByteBuffer in) {
        return present(in) ? text(in) : null;
    }

    /** A growing big-endian buffer, like {@link ByteBuffer}'s reads expect. */
    private static final class Output {

        private byte[] bytes = new byte[512];
        private int size;

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void flag(boolean present) {
            ensure(1);
            bytes[size++] = present ? PRESENT : ABSENT;
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

        void uuid(UUID value) {
            longValue(value.getMostSignificantBits());
            longValue(value.getLeastSignificantBits());
        }

        void nullableUuid(UUID value) {
            flag(value != null);
            if (value != null) {
                uuid(value);
            }
        }

        void instant(Instant value) {
            longValue(value.getEpochSecond());
            integer(value.getNano());
        }

        void nullableInstant(Instant value) {
            flag(value != null);
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
            flag(value != null);
            if (value != null) {
                text(value);
            }
        }
    }
}

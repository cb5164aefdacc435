package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class InternalSerdesTest {

    private static final Serializer<TrackedDeletion> STORE = TrackingStores.TRACKED_DELETION.serializer();
    private static final Deserializer<TrackedDeletion> READ = TrackingStores.TRACKED_DELETION.deserializer();

    private final BlockSoftDeleted everyField = new BlockSoftDeleted(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "kalender-ü",
            "google-1",
            UUID.randomUUID(),
            "series-9",
            BlockKind.CANCELLATION_MARKER,
            Instant.parse("2026-03-02T09:00:00.123456789Z"),
            Instant.parse("2026-03-02T09:05:00Z"),
            UUID.randomUUID(),
            Instant.parse("2026-04-01T00:00:00Z"));

    private final TrackedDeletion full = new TrackedDeletion(
            everyField.blockId(),
            everyField.deletionId(),
            everyField.ownerId(),
            DeletionState.WAITING_FOR_QUOTA,
            "Quota: wait — ünïcode",
            Instant.parse("2026-03-02T09:00:00.123456789Z"),
            Instant.parse("2026-03-02T09:05:00Z"),
            Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.parse("2026-03-02T09:06:00Z"),
            Instant.parse("2026-03-02T09:07:00Z"),
            UUID.randomUUID(),
            3,
            Instant.parse("2026-03-02T09:15:00Z"),
            everyField,
            List.of(everyField.eventId().toString(), "dead-letter|x|2026-03-02T09:06:00Z"),
            Instant.parse("2026-03-02T10:00:00Z"));

    private final TrackedDeletion sparse = new TrackedDeletion(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            DeletionState.RESTORED,
            null,
            null,
            null,
            Instant.parse("2026-03-02T09:00:00Z"),
            null,
            Instant.parse("2026-03-02T09:00:01Z"),
            UUID.randomUUID(),
            0,
            null,
            new BlockSoftDeleted(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "",
                    null,
                    null,
                    null,
                    BlockKind.ORDINARY,
                    Instant.parse("2026-03-02T09:00:00Z"),
                    Instant.parse("2026-03-02T09:05:00Z"),
                    null,
                    null),
            List.of(),
            null);

    private final TrackedDeletion withoutRequest =
            sparse.toBuilder().request(null).build();

    @Test
    void everyFieldSurvivesTheBinaryFormat() {
        for (TrackedDeletion deletion : List.of(full, sparse, withoutRequest)) {
            byte[] stored = STORE.serialize("store", deletion);

            assertThat(stored[0]).isEqualTo(BinarySerde.BINARY_V1);
            assertThat(READ.deserialize("store", stored)).isEqualTo(deletion);
        }
    }

    /** The first step of a rolling upgrade: what the earlier versions running meanwhile can read. */
    @Test
    void theJsonFormatWritesWhatEarlierVersionsRead() {
        Serde<TrackedDeletion> jsonWriting = InternalSerdes.trackedDeletion(InternalFormat.JSON);
        JsonSerde<TrackedDeletion> earlier = new JsonSerde<>(TrackedDeletion.class);
        for (TrackedDeletion deletion : List.of(full, sparse, withoutRequest)) {
            byte[] stored = jsonWriting.serializer().serialize("store", deletion);

            assertThat(stored).isEqualTo(earlier.serializer().serialize("store", deletion));
            assertThat(earlier.deserializer().deserialize("store", stored)).isEqualTo(deletion);
            assertThat(jsonWriting.deserializer().deserialize("store", STORE.serialize("store", deletion)))
                    .isEqualTo(deletion);
        }
    }

    /** A new field must not be lost silently: it needs a new format version (see {@link BinarySerde}). */
    @Test
    void theBinaryFormatKnowsEveryField() {
        assertThat(TrackedDeletion.class.getRecordComponents()).hasSize(16);
        assertThat(BlockSoftDeleted.class.getRecordComponents()).hasSize(13);
        assertThat(OpsFact.class.getRecordComponents()).hasSize(11);
        assertThat(RequestBlockFact.class.getRecordComponents()).hasSize(6);
    }

    @Test
    void jsonWrittenByEarlierVersionsIsStillRead() {
        for (TrackedDeletion deletion : List.of(full, sparse, withoutRequest)) {
            byte[] earlier = new JsonSerde<>(TrackedDeletion.class).serializer().serialize("store", deletion);

            assertThat(READ.deserialize("store", earlier)).isEqualTo(deletion);
        }
    }

    /** A value as the JSON store format had it, verbatim: fields in any order, nulls left out. */
    @Test
    void aStoredJsonValueOfAnEarlierVersionIsRead() {
        String json = "{\"blockId\":\"0b7f2a5e-2d3c-4c1e-9a43-6c2f5e0d9a11\","
                + "\"deletionId\":\"6d1f3c2b-7a8e-4f90-b1c2-d3e4f5a6b7c8\","
                + "\"ownerId\":\"00000000-0000-0000-0000-0000000000aa\",\"state\":\"SOFT_DELETED\","
                + "\"softDeletedAt\":\"2026-03-02T09:00:00Z\",\"purgeAfter\":\"2026-03-02T09:05:00Z\","
                + "\"updatedAt\":\"2026-03-02T09:00:00.120Z\","
                + "\"lastEventId\":\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\",\"redriveAttempts\":0,"
                + "\"deadlineAt\":\"2026-03-02T09:15:00Z\",\"request\":{"
                + "\"eventId\":\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\","
                + "\"deletionId\":\"6d1f3c2b-7a8e-4f90-b1c2-d3e4f5a6b7c8\","
                + "\"blockId\":\"0b7f2a5e-2d3c-4c1e-9a43-6c2f5e0d9a11\","
                + "\"ownerId\":\"00000000-0000-0000-0000-0000000000aa\",\"calendarId\":\"primary\","
                + "\"googleEventId\":\"google-1\",\"kind\":\"ORDINARY\",\"deletedAt\":\"2026-03-02T09:00:00Z\","
                + "\"purgeAfter\":\"2026-03-02T09:05:00Z\"},"
                + "\"seenEventKeys\":[\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\"]}";

        TrackedDeletion read = READ.deserialize("store", json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.state()).isEqualTo(DeletionState.SOFT_DELETED);
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00.120Z"));
        assertThat(read.deadlineAt()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(read.request().googleEventId()).isEqualTo("google-1");
        assertThat(read.request().dueBy()).isNull();
        assertThat(read.hasSeen("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d")).isTrue();
        assertThat(READ.deserialize("store", STORE.serialize("store", read))).isEqualTo(read);
    }

    /** The facts of the repartition topics: binary written, and JSON of earlier versions (still in them) read. */
    @Test
    void factsSurviveTheBinaryFormatAndJsonOfEarlierVersionsIsRead() {
        Instant at = Instant.parse("2026-03-02T09:00:00.5Z");
        List<OpsFact> opsFacts = List.of(
                new OpsFact(
                        "block-1",
                        DeletionState.SOFT_DELETED,
                        DeletionState.CONFIRMED,
                        at.minusSeconds(60),
                        null,
                        null,
                        1234L,
                        true,
                        null,
                        null,
                        at),
                OpsFact.deadLettered(null, "POISON_NOT_JSON", at),
                OpsFact.deadlineChanged("deletion-1", OrphanType.DEADLINE_AT_RISK, OrphanType.DEADLINE_MISSED, at),
                new OpsFact(null, null, null, null, null, null, null, false, null, null, null));
        List<RequestBlockFact> requestFacts = List.of(
                new RequestBlockFact(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), at, true, at),
                new RequestBlockFact(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, false, at));
        roundTrips(OpsFact.class, InternalSerdes.opsFact(InternalFormat.BINARY), opsFacts);
        roundTrips(RequestBlockFact.class, InternalSerdes.requestBlockFact(InternalFormat.BINARY), requestFacts);
    }

    private static <T> void roundTrips(Class<T> type, Serde<T> serde, List<T> values) {
        JsonSerde<T> earlier = new JsonSerde<>(type);
        for (T value : values) {
            byte[] written = serde.serializer().serialize("topic", value);

            assertThat(written[0]).isEqualTo(BinarySerde.BINARY_V1);
            assertThat(serde.deserializer().deserialize("topic", written)).isEqualTo(value);
            assertThat(serde.deserializer()
                            .deserialize("topic", earlier.serializer().serialize("topic", value)))
                    .isEqualTo(value);
        }
    }

    @Test
    void aValueOfNoKnownFormatFailsInsteadOfBeingMisread() {
        byte[] truncated = STORE.serialize("store", full);

        assertThatThrownBy(() -> READ.deserialize("store", Arrays.copyOf(truncated, truncated.length - 3)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> READ.deserialize("store", new byte[] {9, 1, 2}))
                .isInstanceOf(SerializationException.class);
        byte[] longer = Arrays.copyOf(truncated, truncated.length + 1);
        assertThatThrownBy(() -> READ.deserialize("store", longer)).isInstanceOf(SerializationException.class);
        assertThat(READ.deserialize("store", null)).isNull();
    }
}

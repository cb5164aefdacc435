package dev.deletionpipeline.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox rows that SQL builds are the contract's events: each payload reads back through common's {@link
 * JsonSerde} as a record equal to the one built in Java from the same rows, and the row's id, key, topic and type
 * match it.
 */
class OutboxPayloadIT extends ApiTestSupport {

    private static final String TOPIC = Topics.BLOCKS_LIFECYCLE.name();
    private static final JsonSerde<BlockSoftDeleted> SOFT_DELETED = new JsonSerde<>(BlockSoftDeleted.class);
    private static final JsonSerde<BlockRestored> RESTORED = new JsonSerde<>(BlockRestored.class);

    private record OutboxRow(UUID id, String topic, String key, String type, String payload) {}

    @Test
    void softDeletePayloadBuiltInSqlReadsBackAsAnEqualBlockSoftDeleted() {
        TestOwner owner = fixtures().owner();
        UUID series = fixtures().block(owner.id(), "work", "ORDINARY", "series9", null, null);
        fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", "series9_20260301", "series9", null);
        fixtures().block(owner.id(), "work", "ORDINARY", null, null, series);

        UUID deletionId = deletionIdOf(api().delete("/v1/blocks/" + series, owner.token())
                .json()
                .get("deletionId")
                .asString());

        List<OutboxRow> rows = rows(deletionId, BlockSoftDeleted.class);
        assertThat(rows).hasSize(3);
        for (OutboxRow row : rows) {
            BlockSoftDeleted read = SOFT_DELETED.deserializer().deserialize(TOPIC, bytes(row.payload()));
            BlockSoftDeleted expected = expectedSoftDeleted(row.id(), UUID.fromString(row.key()));
            assertThat(read).isEqualTo(expected);
            assertThat(SOFT_DELETED
                            .deserializer()
                            .deserialize(TOPIC, SOFT_DELETED.serializer().serialize(TOPIC, expected)))
                    .isEqualTo(read);
            assertThat(row.topic()).isEqualTo(TOPIC);
            assertThat(row.type()).isEqualTo(EventTypes.typeOf(BlockSoftDeleted.class));
        }
    }

    @Test
    void restorePayloadBuiltInSqlReadsBackAsAnEqualBlockRestored() {
        TestOwner owner = fixtures().owner();
        UUID parent = fixtures().block(owner.id(), "work");
        fixtures().block(owner.id(), "work", "ORDINARY", null, null, parent);
        UUID deletionId = deletionIdOf(api().delete("/v1/blocks/" + parent, owner.token())
                .json()
                .get("deletionId")
                .asString());

        assertThat(api().post("/v1/blocks/" + parent + "/restore", owner.token())
                        .status())
                .isEqualTo(200);

        List<OutboxRow> rows = rows(deletionId, BlockRestored.class);
        assertThat(rows).hasSize(2);
        OffsetDateTime restoredAt = jdbc.sql("SELECT restored_at FROM deletions WHERE id = :id")
                .param("id", deletionId)
                .query(OffsetDateTime.class)
                .single();
        for (OutboxRow row : rows) {
            BlockRestored read = RESTORED.deserializer().deserialize(TOPIC, bytes(row.payload()));
            assertThat(read)
                    .isEqualTo(new BlockRestored(
                            row.id(), deletionId, UUID.fromString(row.key()), owner.id(), restoredAt.toInstant()));
        }
    }

    private BlockSoftDeleted expectedSoftDeleted(UUID eventId, UUID blockId) {
        return jdbc.sql("""
                        SELECT b.*, b.google_event_data ->> 'recurringEventId' AS series, d.requested_at, d.due_by
                          FROM blocks b JOIN deletions d ON d.id = b.deletion_id WHERE b.id = :id
                        """)
                .param("id", blockId)
                .query((rs, n) -> new BlockSoftDeleted(
                        eventId,
                        rs.getObject("deletion_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getObject("owner_id", UUID.class),
                        rs.getString("calendar_id"),
                        rs.getString("google_event_id"),
                        rs.getObject("original_id", UUID.class),
                        rs.getString("series"),
                        BlockKind.valueOf(rs.getString("kind")),
                        rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("purge_after", OffsetDateTime.class).toInstant(),
                        null,
                        rs.getObject("due_by", OffsetDateTime.class).toInstant()))
                .single();
    }

    private List<OutboxRow> rows(UUID deletionId, Class<?> type) {
        return jdbc.sql("""
                        SELECT id, aggregatetype, aggregateid, type, payload::text AS payload FROM outbox
                         WHERE payload ->> 'deletionId' = :deletion AND type = :type
                        """)
                .param("deletion", deletionId.toString())
                .param("type", EventTypes.typeOf(type))
                .query((rs, n) -> new OutboxRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("aggregatetype"),
                        rs.getString("aggregateid"),
                        rs.getString("type"),
                        rs.getString("payload")))
                .list();
    }

    private static UUID deletionIdOf(String value) {
        return UUID.fromString(value);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

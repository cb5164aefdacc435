package dev.deletionpipeline.reconciler.redrive;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.RedriveRequested;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.common.topics.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciler's one way to send a soft-deleted block through the pipeline again, for the sweep and for the tracking
 * topology's {@link RedriveRequested} alike: inserts a {@link BlockSoftDeleted} with a new event id into the
 * {@code outbox} (relayed to {@code blocks.lifecycle.v1} by Debezium, like every lifecycle event), rebuilt from the
 * block's row in {@code blocks} and its {@code deletions} row. Runs in the caller's transaction, if any, so that the
 * re-drive and the change that caused it commit together.
 */
public final class OutboxRedrive {

    /**
     * @param redriveOf nullable: the event this one re-drives, when the outbox still held it
     */
    public record Redrive(UUID eventId, UUID redriveOf) {

        public String describe() {
            return redriveOf == null
                    ? "re-emitted as event " + eventId + " (redriveOf unknown: the original event is no longer in the"
                            + " outbox)"
                    : "re-emitted as event " + eventId + ", redriveOf " + redriveOf;
        }
    }

    private static final String SOFT_DELETED_TYPE = EventTypes.typeOf(BlockSoftDeleted.class);

    private final JdbcClient jdbc;

    public OutboxRedrive(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A re-drive under a new random id; {@code redriveOf} names the block's last {@code BlockSoftDeleted} of the same
     * deletion if the outbox still holds it (outbox rows are cleaned up once relayed).
     *
     * @throws IllegalStateException when the block is gone or carries no deletion id
     */
    public Redrive redrive(UUID blockId, Instant now) {
        BlockSoftDeleted current = currentEvent(blockId)
                .orElseThrow(() ->
                        new IllegalStateException("block " + blockId + " is gone or has no deletion to re-drive"));
        BlockSoftDeleted again = withIds(
                current,
                current.eventId(),
                lastEventId(blockId, current.deletionId()).orElse(null));
        insert(again, now);
        return new Redrive(again.eventId(), again.redriveOf());
    }

    /**
     * The re-drive a request asks for, under the request's id and with its {@code redriveOf}. Empty when there is
     * nothing to write: the row was written for an earlier delivery of the same request, or the block is gone or no
     * longer soft-deleted by the request's deletion (a confirmation or a restore came first).
     */
    Optional<Redrive> redrive(RedriveRequested request, Instant now) {
        Optional<BlockSoftDeleted> current = currentEvent(request.blockId())
                .filter(event -> event.deletionId().equals(request.deletionId()));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        BlockSoftDeleted again = withIds(current.get(), request.eventId(), request.redriveOf());
        return insert(again, now) ? Optional.of(new Redrive(again.eventId(), again.redriveOf())) : Optional.empty();
    }

    private Optional<BlockSoftDeleted> currentEvent(UUID blockId) {
        return jdbc.sql("""
                        select b.id, b.deletion_id, b.owner_id, b.calendar_id, b.google_event_id, b.original_id,
                               b.google_event_data ->> 'recurringEventId' as recurring_event_id, b.kind,
                               coalesce(b.deleted_at, d.requested_at) as deleted_at, b.purge_after, d.due_by
                        from blocks b join deletions d on d.id = b.deletion_id
                        where b.id = :id and b.purge_after is not null
                        """).param("id", blockId).query(OutboxRedrive::eventOf).optional();
    }

    private Optional<UUID> lastEventId(UUID blockId, UUID deletionId) {
        return jdbc.sql("""
                        select id from outbox
                        where aggregateid = :blockId and type = :type and payload ->> 'deletionId' = :deletionId
                        order by created_at desc, id desc limit 1
                        """)
                .param("blockId", blockId.toString())
                .param("type", SOFT_DELETED_TYPE)
                .param("deletionId", deletionId.toString())
                .query(UUID.class)
                .optional();
    }

    /** The block's soft delete as an event with a new id; {@code redriveOf} is filled in by {@link #withIds}. */
    private static BlockSoftDeleted eventOf(ResultSet rs, int row) throws SQLException {
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                rs.getObject("deletion_id", UUID.class),
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("calendar_id"),
                rs.getString("google_event_id"),
                rs.getObject("original_id", UUID.class),
                rs.getString("recurring_event_id"),
                BlockKind.valueOf(rs.getString("kind")),
                SqlTime.instant(rs, "deleted_at"),
                SqlTime.instant(rs, "purge_after"),
                null,
                SqlTime.instant(rs, "due_by"));
    }

    private static BlockSoftDeleted withIds(BlockSoftDeleted event, UUID eventId, UUID redriveOf) {
        return new BlockSoftDeleted(
                eventId,
                event.deletionId(),
                event.blockId(),
                event.ownerId(),
                event.calendarId(),
                event.googleEventId(),
                event.originalId(),
                event.recurringEventId(),
                event.kind(),
                event.deletedAt(),
                event.purgeAfter(),
                redriveOf,
                event.dueBy());
    }

    /**
     * False when a row with the event's id is there already. A request redelivered after that row was cleaned up would
     * write it again, under the same event id, which consumers de-duplicate by.
     */
    private boolean insert(BlockSoftDeleted event, Instant now) {
        return jdbc.sql("""
                        insert into outbox (id, aggregatetype, aggregateid, type, payload, created_at)
                        values (:id, :topic, :blockId, :type, cast(:payload as jsonb), :now)
                        on conflict (id) do nothing
                        """)
                        .param("id", event.eventId())
                        .param("topic", Topics.BLOCKS_LIFECYCLE.name())
                        .param("blockId", event.blockId().toString())
                        .param("type", SOFT_DELETED_TYPE)
                        .param("payload", EventJson.mapper().writeValueAsString(event))
                        .param("now", SqlTime.param(now))
                        .update()
                == 1;
    }
}

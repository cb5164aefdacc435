package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seeds the rows the sweep looks at, and reads back what it did, in one test database. Public for the tests of the
 * {@code redrive} package, whose outbox writes the sweep shares.
 */
public final class SweepDatabase {

    /** A block soft-deleted by a deletion of its own. */
    public record Deleted(UUID blockId, UUID deletionId) {}

    record Phase2(String deletionState, String claimedBy, Instant claimExpiresAt) {}

    final JdbcClient jdbc;
    private final MutableClock clock;

    public SweepDatabase(DataSource dataSource, MutableClock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public UUID owner() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into owners (id, handle) values (:id, :handle)")
                .param("id", id)
                .param("handle", "owner-" + id)
                .update();
        return id;
    }

    BlockRow block(UUID owner) {
        return new BlockRow(owner, clock.instant());
    }

    UUID live(UUID owner) {
        return block(owner).insert(jdbc);
    }

    UUID series(UUID owner, String calendar, String seriesEventId) {
        return block(owner)
                .calendar(calendar)
                .googleEvent(seriesEventId, "{\"recurrence\": [\"RRULE:FREQ=WEEKLY\"]}")
                .insert(jdbc);
    }

    BlockRow instanceOf(UUID owner, String calendar, String seriesEventId) {
        return block(owner)
                .calendar(calendar)
                .googleEvent(
                        seriesEventId + "_" + UUID.randomUUID(), "{\"recurringEventId\": \"" + seriesEventId + "\"}");
    }

    /** The worker's receipt for a series block it hard-deleted after Google deleted the series (204). */
    void seriesReceipt(UUID owner, String calendar, String seriesEventId, Instant hardDeletedAt) {
        seriesReceipt(owner, calendar, seriesEventId, hardDeletedAt, HardDeleteOutcome.DELETED);
    }

    /** The worker's receipt for a series block it hard-deleted after Google gave this answer. */
    void seriesReceipt(
            UUID owner, String calendar, String seriesEventId, Instant hardDeletedAt, HardDeleteOutcome outcome) {
        jdbc.sql("""
                        insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id,
                            confirmation_id, outcome, dependants_removed, hard_deleted_at, google_event_id, calendar_id)
                        values (:block, :deletion, :owner, :source, :confirmation, :outcome, 0, :at, :event, :calendar)
                        """)
                .param("outcome", outcome.name())
                .param("block", UUID.randomUUID())
                .param("deletion", UUID.randomUUID())
                .param("owner", owner)
                .param("source", UUID.randomUUID())
                .param("confirmation", UUID.randomUUID())
                .param("at", SqlTime.param(hardDeletedAt))
                .param("event", seriesEventId)
                .param("calendar", calendar)
                .update();
    }

    /** A block soft-deleted a day before {@code purgeAfter}, in the given phase-2 state. */
    public Deleted softDeleted(UUID owner, Instant purgeAfter, String state) {
        UUID deletion = deletion(owner, purgeAfter);
        UUID block = block(owner)
                .updatedAt(purgeAfter.minus(Duration.ofDays(1)))
                .inDeletion(deletion, purgeAfter, state)
                .insert(jdbc);
        return new Deleted(block, deletion);
    }

    Deleted claimed(UUID owner, Instant purgeAfter, String worker, Instant leaseEnd) {
        UUID deletion = deletion(owner, purgeAfter);
        UUID block = block(owner)
                .updatedAt(purgeAfter)
                .inDeletion(deletion, purgeAfter, "CLAIMED")
                .claimedBy(worker, leaseEnd)
                .insert(jdbc);
        return new Deleted(block, deletion);
    }

    private UUID deletion(UUID owner, Instant purgeAfter) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after,
                                               block_count, due_by)
                        values (:id, :owner, 'BLOCK', null, 'test', :requestedAt, :purgeAfter, 1,
                                :requestedAt + interval '30 days')
                        """)
                .param("id", id)
                .param("owner", owner)
                .param("requestedAt", SqlTime.param(purgeAfter.minus(Duration.ofDays(1))))
                .param("purgeAfter", SqlTime.param(purgeAfter))
                .update();
        return id;
    }

    /** The deletion-api's original {@code BlockSoftDeleted} outbox row for a soft-deleted block; returns its id. */
    public UUID originalEvent(Deleted deleted, UUID owner, Instant purgeAfter) {
        BlockSoftDeleted event = new BlockSoftDeleted(
                UUID.randomUUID(),
                deleted.deletionId(),
                deleted.blockId(),
                owner,
                "cal-main",
                "evt-" + deleted.blockId(),
                null,
                null,
                BlockKind.ORDINARY,
                purgeAfter.minus(Duration.ofDays(1)),
                purgeAfter,
                null);
        jdbc.sql("""
                        insert into outbox (id, aggregatetype, aggregateid, type, payload, created_at)
                        values (:id, :topic, :block, :type, cast(:payload as jsonb), :at)
                        """)
                .param("id", event.eventId())
                .param("topic", Topics.BLOCKS_LIFECYCLE.name())
                .param("block", deleted.blockId().toString())
                .param("type", EventTypes.typeOf(BlockSoftDeleted.class))
                .param("payload", EventJson.mapper().writeValueAsString(event))
                .param("at", SqlTime.param(event.deletedAt()))
                .update();
        return event.eventId();
    }

    void openDeadLetter(Deleted deleted, UUID owner) {
        Instant at = clock.instant().minus(Duration.ofHours(3));
        jdbc.sql("""
                        insert into dead_letters (id, block_id, deletion_id, owner_id, reason, attempts,
                            first_failure_at, last_failure_at, redrivable, record_headers, dead_lettered_at)
                        values (:id, :block, :deletion, :owner, 'GOOGLE_FORBIDDEN', 5, :at, :at, true, '[]', :at)
                        """)
                .param("id", UUID.randomUUID())
                .param("block", deleted.blockId())
                .param("deletion", deleted.deletionId())
                .param("owner", owner)
                .param("at", SqlTime.param(at))
                .update();
    }

    boolean exists(UUID block) {
        return jdbc.sql("select count(*) from blocks where id = :id")
                        .param("id", block)
                        .query(Long.class)
                        .single()
                == 1;
    }

    /** The block's phase-2 bookkeeping. */
    Phase2 phase2(UUID block) {
        return jdbc.sql("select deletion_state, claimed_by, claim_expires_at from blocks where id = :id")
                .param("id", block)
                .query((rs, row) -> new Phase2(
                        rs.getString("deletion_state"),
                        rs.getString("claimed_by"),
                        SqlTime.instant(rs, "claim_expires_at")))
                .single();
    }

    /** The block's {@code BlockSoftDeleted} outbox events, oldest first. */
    public List<BlockSoftDeleted> outboxEvents(UUID block) {
        return jdbc.sql("select payload::text from outbox where aggregateid = :id and type = :type"
                        + " order by created_at, id")
                .param("id", block.toString())
                .param("type", EventTypes.typeOf(BlockSoftDeleted.class))
                .query((rs, row) -> EventJson.mapper().readValue(rs.getString(1), BlockSoftDeleted.class))
                .list();
    }

    /** A digest of every row of {@code blocks} and {@code outbox}: equal digests mean nothing changed. */
    String digest() {
        return jdbc.sql("""
                        select coalesce((select md5(string_agg(b::text, ',' order by b.id)) from blocks b), '-')
                            || coalesce((select md5(string_agg(o::text, ',' order by o.id)) from outbox o), '-')
                        """).query(String.class).single();
    }
}

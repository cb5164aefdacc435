package dev.deletionpipeline.api.outbox;

import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one outbox row per block of a deletion with a single {@code INSERT ... SELECT}, so that a bulk deletion of
 * 100,000 blocks costs one statement, not 100,000. The payload is built in SQL with the record components' names and
 * ISO-8601 instants, so that it reads back through {@code EventJson} as the very event record.
 *
 * <p>Reads {@code blocks}, {@code deletions} and {@code legal_holds}; writes {@code outbox} (topic
 * {@code blocks.lifecycle.v1}). Must run inside the transaction of the change it announces.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class OutboxWriter {

    /** An instant column as ISO-8601 in UTC with microseconds, e.g. {@code 2026-01-31T09:15:00.123456Z}. */
    static String iso(String instant) {
        return "to_char((" + instant + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    /**
     * Reads the deletion's blocks once, straight into the insert. The subquery's columns are named like the record's
     * components, so that {@code to_jsonb} of its row is the payload (cheaper than {@code jsonb_build_object} with 22
     * arguments); its volatile event id keeps it from being pulled up, so each row gets one id, used for both the
     * column and the payload. {@code requested_at} comes from a one-time subquery instead of a join: nothing is
     * materialised, hashed or spilled to temporary files. The state test is written {@code IS NOT DISTINCT FROM} so
     * that it cannot use {@code blocks_pending_idx}: that index would read every pending block of every deletion (the
     * planner picked it while the statistics knew no soft-deleted rows), {@code blocks_deletion_idx} reads this one's.
     *
     * <p>The {@code BlockHeld} rows of {@link HoldEvents#HELD_IN_DELETION} follow in the same statement, which saves a
     * round trip per deletion. {@code UNION ALL} under an {@code INSERT} is an {@code Append} that runs its branches one
     * after the other (a statement that writes is never run in parallel), so every soft delete is in the outbox, and
     * in the WAL, before any hold: the reconciler ignores a hold on a deletion it has not seen yet. The count is of the
     * soft deletes alone.
     */
    private static final String SOFT_DELETED_SQL =
            """
            WITH written AS (
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)
            SELECT e."eventId", :topic, e."blockId"::text, :softDeletedType, jsonb_strip_nulls(to_jsonb(e))
              FROM (SELECT gen_random_uuid() AS "eventId",
                           b.deletion_id AS "deletionId",
                           b.id AS "blockId",
                           b.owner_id AS "ownerId",
                           b.calendar_id AS "calendarId",
                           b.google_event_id AS "googleEventId",
                           b.original_id AS "originalId",
                           b.google_event_data ->> 'recurringEventId' AS "recurringEventId",
                           b.kind AS "kind",
                           (SELECT %s FROM deletions d WHERE d.id = :deletion) AS "deletedAt",
                           %s AS "purgeAfter",
                           (SELECT %s FROM deletions d WHERE d.id = :deletion) AS "dueBy"
                      FROM blocks b
                     WHERE b.deletion_id = :deletion AND b.deletion_state IS NOT DISTINCT FROM :softDeleted) e
             WHERE EXISTS (SELECT 1 FROM deletions d WHERE d.id = :deletion)
            UNION ALL
            %s
            RETURNING type)
            SELECT count(*) FROM written WHERE type = :softDeletedType
            """.formatted(iso("d.requested_at"), iso("b.purge_after"), iso("d.due_by"), HoldEvents.HELD_IN_DELETION);

    private static final String RESTORED_SQL = """
            WITH e AS MATERIALIZED (
                SELECT gen_random_uuid() AS event_id, b.id, b.owner_id, b.deletion_id
                  FROM blocks b
                 WHERE b.deletion_id = :deletion AND b.deletion_state IS NULL)
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)
            SELECT e.event_id, :topic, e.id::text, :type, jsonb_build_object(
                       'eventId', e.event_id,
                       'deletionId', e.deletion_id,
                       'blockId', e.id,
                       'ownerId', e.owner_id,
                       'restoredAt', %s)
              FROM e
            """.formatted(iso("CAST(:restoredAt AS timestamptz)"));

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxWriter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One {@link BlockSoftDeleted} per block of the deletion that is still soft-deleted, followed by a
     * {@code BlockHeld} for each of them that a legal hold covers; returns how many blocks.
     */
    public int softDeletedEventsFor(UUID deletionId) {
        return jdbc.sql(SOFT_DELETED_SQL)
                .params(HoldEvents.heldInDeletionParams(SqlTime.now(clock)))
                .param("deletion", deletionId)
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .param("topic", Topics.BLOCKS_LIFECYCLE.name())
                .param("softDeletedType", EventTypes.typeOf(BlockSoftDeleted.class))
                .query(Integer.class)
                .single();
    }

    /** One {@link BlockRestored} per block that the deletion's restore brought back; returns how many. */
    public int restoredEventsFor(UUID deletionId, Instant restoredAt) {
        return jdbc.sql(RESTORED_SQL)
                .param("deletion", deletionId)
                .param("restoredAt", SqlTime.param(restoredAt))
                .param("topic", Topics.BLOCKS_LIFECYCLE.name())
                .param("type", EventTypes.typeOf(BlockRestored.class))
                .update();
    }
}

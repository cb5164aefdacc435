package dev.deletionpipeline.worker.harddelete;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The statements of a hard delete, each one for the whole batch, run inside the caller's transaction: the claimed
 * blocks (only while this claim still holds them) and their dependants whose Google copy is provably gone leave
 * {@code blocks}; confirmations go to {@code deletion_receipts} and the {@code outbox}; dependants whose own task has
 * not come yet wait in {@code removed_dependants} (its one writer besides housekeeping's age-based removal).
 */
@Repository
class HardDeleteStore {

    /** A parent whose dependants go with it; {@code googleEventId} only when Google confirmed its event gone. */
    record Parent(UUID id, UUID ownerId, String googleEventId, Instant googleAnsweredAt) {}

    /**
     * A dependant removed with its parent: a child without a Google event of its own, or an instance of a series whose
     * Google deletion removed it too.
     *
     * @param googleAnsweredAt nullable: when Google answered for the parent (null if the parent was never synced)
     */
    record RemovedDependant(
            UUID blockId,
            UUID parentBlockId,
            UUID deletionId,
            UUID ownerId,
            String calendarId,
            String googleEventId,
            Instant googleAnsweredAt,
            Instant hardDeletedAt) {

        HardDeleteOutcome outcome() {
            return googleEventId == null ? HardDeleteOutcome.NOT_SYNCED : HardDeleteOutcome.ALREADY_GONE;
        }

        HardDeleteConfirmed confirmation(UUID sourceEventId, Instant softDeletedAt) {
            return new HardDeleteConfirmed(
                    HardDeleter.confirmationIdFor(sourceEventId),
                    sourceEventId,
                    deletionId,
                    blockId,
                    ownerId,
                    calendarId,
                    googleEventId,
                    outcome(),
                    0,
                    0,
                    softDeletedAt,
                    null,
                    googleAnsweredAt,
                    hardDeletedAt);
        }
    }

    private static final String CLAIMED = """
            delete from blocks b using unnest(:ids, :tokens) as c(id, token)
            where b.id = c.id and b.claimed_by = c.token and b.deletion_state = :claimed
            returning b.id
            """;

    // Direct children, through blocks_original_idx. A child with a Google event of its own that is not an instance of
    // the deleted series stays: its own deletion deletes that event first.
    private static final String CHILDREN = """
            delete from blocks d using unnest(:ids, :ownerIds, :googleEventIds) as p(id, owner_id, google_event_id)
            where d.original_id = p.id and d.deletion_state is not null
              and (d.google_event_id is null or d.google_event_data ->> 'recurringEventId' = p.google_event_id)
            returning d.id as block_id, p.id as parent_block_id, d.deletion_id, d.owner_id, d.calendar_id, d.google_event_id
            """;

    // The recurring chain of a series Google just deleted, through blocks_recurring_idx ("??" is JDBC for jsonb's ?).
    private static final String CHAIN = """
            delete from blocks d using unnest(:ids, :ownerIds, :googleEventIds) as p(id, owner_id, google_event_id)
            where p.google_event_id is not null and d.google_event_data ?? 'recurringEventId'
              and d.owner_id = p.owner_id and d.google_event_data ->> 'recurringEventId' = p.google_event_id
              and d.deletion_state is not null
            returning d.id as block_id, p.id as parent_block_id, d.deletion_id, d.owner_id, d.calendar_id, d.google_event_id
            """;

    // One statement for both tables and the whole batch, with the confirmations as one JSON array: each element is the
    // outbox payload, and the receipt's columns are read from it (no per-element array encoding and escaping). Google's
    // status, which the event does not carry, comes as a second JSON object keyed by block id. deletion-api's Debezium
    // relay routes the outbox row to blocks.hard-delete-confirmed.v1 by aggregatetype, with id as ce_id.
    private static final String RECEIPTS_AND_OUTBOX = """
            with confirmation as (
                select value as c from jsonb_array_elements(cast(:confirmations as jsonb))
            ), receipts as (
                insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id,
                    outcome, dependants_removed, hard_deleted_at, google_event_id, calendar_id, soft_deleted_at,
                    google_answered_at, google_status)
                select (c ->> 'blockId')::uuid, (c ->> 'deletionId')::uuid, (c ->> 'ownerId')::uuid,
                    (c ->> 'sourceEventId')::uuid, (c ->> 'eventId')::uuid, c ->> 'outcome',
                    (c ->> 'dependantsRemoved')::integer, (c ->> 'hardDeletedAt')::timestamptz,
                    c ->> 'googleEventId', c ->> 'calendarId', (c ->> 'softDeletedAt')::timestamptz,
                    (c ->> 'googleAnsweredAt')::timestamptz, (cast(:googleStatuses as jsonb) ->> (c ->> 'blockId'))::integer
                from confirmation
            )
            insert into outbox (id, aggregatetype, aggregateid, type, payload)
            select (c ->> 'eventId')::uuid, :topic, c ->> 'blockId', :type, c from confirmation
            """;

    private static final String KEEP = """
            insert into removed_dependants (block_id, parent_block_id, deletion_id, owner_id, calendar_id,
                google_event_id, outcome, google_answered_at, hard_deleted_at)
            values (:blockId, :parentBlockId, :deletionId, :ownerId, :calendarId, :googleEventId, :outcome,
                :googleAnsweredAt, :hardDeletedAt)
            on conflict (block_id) do nothing
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    HardDeleteStore(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** @return the ids actually deleted: a block whose claim was taken over by another attempt is left alone */
    List<UUID> deleteClaimed(List<UUID> ids, List<String> claimTokens) {
        return jdbc.sql(CLAIMED)
                .param("ids", new SqlArrayValue("uuid", ids.toArray()))
                .param("tokens", new SqlArrayValue("text", claimTokens.toArray()))
                .param("claimed", BlockState.CLAIMED.name())
                .query(UUID.class)
                .list();
    }

    /** Deletes the parents' direct children and recurring chains whose Google copy is gone with the parent. */
    List<RemovedDependant> deleteDependants(List<Parent> parents, Instant now) {
        if (parents.isEmpty()) {
            return List.of();
        }
        List<RemovedDependant> removed = new ArrayList<>(deleteDependants(CHILDREN, parents, now));
        removed.addAll(deleteDependants(CHAIN, parents, now));
        return removed;
    }

    private List<RemovedDependant> deleteDependants(String sql, List<Parent> parents, Instant now) {
        Map<UUID, Parent> byId = new HashMap<>();
        parents.forEach(p -> byId.put(p.id(), p));
        return jdbc.sql(sql)
                .param("ids", array("uuid", parents, Parent::id))
                .param("ownerIds", array("uuid", parents, Parent::ownerId))
                .param("googleEventIds", array("text", parents, Parent::googleEventId))
                .query((row, n) -> dependant(
                        row,
                        byId.get(row.getObject("parent_block_id", UUID.class)).googleAnsweredAt(),
                        now))
                .list();
    }

    /** @param googleStatuses Google's status per block id, where Google was called for the block itself */
    void writeConfirmations(List<HardDeleteConfirmed> confirmations, Map<UUID, Integer> googleStatuses) {
        if (confirmations.isEmpty()) {
            return;
        }
        jdbc.sql(RECEIPTS_AND_OUTBOX)
                .param("confirmations", EventJson.mapper().writeValueAsString(confirmations))
                .param("googleStatuses", EventJson.mapper().writeValueAsString(googleStatuses))
                .param("topic", Topics.HARD_DELETE_CONFIRMED.name())
                .param("type", EventTypes.typeOf(HardDeleteConfirmed.class))
                .update();
    }

    /** Keeps dependants hard-deleted before their own task came in, until that task writes their confirmation. */
    void keepDependants(List<RemovedDependant> removed) {
        batches.batchUpdate(
                KEEP,
                removed.stream()
                        .map(r -> new MapSqlParameterSource()
                                .addValue("blockId", r.blockId())
                                .addValue("parentBlockId", r.parentBlockId())
                                .addValue("deletionId", r.deletionId())
                                .addValue("ownerId", r.ownerId())
                                .addValue("calendarId", r.calendarId())
                                .addValue("googleEventId", r.googleEventId())
                                .addValue("outcome", r.outcome().name())
                                .addValue("googleAnsweredAt", param(r.googleAnsweredAt()))
                                .addValue("hardDeletedAt", param(r.hardDeletedAt())))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Removes and returns the kept dependants among these blocks. */
    List<RemovedDependant> takeDependants(List<UUID> blockIds) {
        return jdbc.sql("delete from removed_dependants where block_id = any(:ids) returning *")
                .param("ids", new SqlArrayValue("uuid", blockIds.toArray()))
                .query((row, n) -> dependant(row, instant(row, "google_answered_at"), instant(row, "hard_deleted_at")))
                .list();
    }

    private static RemovedDependant dependant(ResultSet row, Instant googleAnsweredAt, Instant hardDeletedAt)
            throws SQLException {
        return new RemovedDependant(
                row.getObject("block_id", UUID.class),
                row.getObject("parent_block_id", UUID.class),
                row.getObject("deletion_id", UUID.class),
                row.getObject("owner_id", UUID.class),
                row.getString("calendar_id"),
                row.getString("google_event_id"),
                googleAnsweredAt,
                hardDeletedAt);
    }

    private static SqlArrayValue array(String type, List<Parent> parents, Function<Parent, ?> field) {
        return new SqlArrayValue(type, parents.stream().map(field).toArray());
    }
}

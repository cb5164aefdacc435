package dev.deletionpipeline.worker.receipts;

import static dev.deletionpipeline.common.sql.SqlTime.instant;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.events.ReceiptOutcome;
import dev.deletionpipeline.common.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a receipt is made of, read inside the finishing transaction: which deletions have no block left in flight, the
 * request itself ({@code deletions}), and per block its end — {@code deletion_receipts} (hard-deleted),
 * {@code removed_dependants} (gone with their parent, own confirmation still to come), {@code blocks} in
 * {@code FAILED} (with the last {@code dead_letters} answer) or restored.
 */
@Repository
class ReceiptFacts {

    /**
     * The definition of "finished": every block of the deletion has ended — none is left with a deletion state other
     * than FAILED (so SOFT_DELETED, CLAIMED, or any waiting state added later, such as a legal hold, is unfinished) —
     * and the deletion had at least one block. With it, the deletion's latest receipt, if it has one: a block may have
     * ended again since (a redriven FAILED one hard-deleted, or restored).
     */
    private static final String FINISHED = """
            select d.id, d.owner_id, d.scope, d.target, d.requested_by, d.requested_at, d.due_by,
                   latest.body::text as latest_receipt
            from deletions d
            left join lateral (
                select r.body from deletion_request_receipts r where r.deletion_id = d.id
                order by r.sequence desc limit 1) latest on true
            where d.id in (:ids)
              and not exists (select 1 from blocks b where b.deletion_id = d.id
                              and b.deletion_state is not null and b.deletion_state <> :failed)
              and (exists (select 1 from blocks b where b.deletion_id = d.id)
                   or exists (select 1 from deletion_receipts r where r.deletion_id = d.id)
                   or exists (select 1 from removed_dependants r where r.deletion_id = d.id))
            order by d.owner_id, d.id
            """;

    private static final String BLOCKS = """
            select r.block_id, r.calendar_id, r.google_event_id, r.outcome, r.google_status, null as reason,
                   coalesce(r.soft_deleted_at, d.requested_at) as soft_deleted_at, r.google_answered_at,
                   r.hard_deleted_at, null::timestamptz as restored_at
            from deletion_receipts r join deletions d on d.id = r.deletion_id
            where r.deletion_id = :id
            union all
            select r.block_id, r.calendar_id, r.google_event_id, r.outcome, null, null, d.requested_at,
                   r.google_answered_at, r.hard_deleted_at, null
            from removed_dependants r join deletions d on d.id = r.deletion_id
            where r.deletion_id = :id
              and not exists (select 1 from deletion_receipts c where c.block_id = r.block_id)
            union all
            select b.id, b.calendar_id, b.google_event_id,
                   case when b.deletion_state = :failed then :failedOutcome else :restoredOutcome end,
                   l.last_http_status, b.failure_reason, coalesce(b.deleted_at, d.requested_at),
                   l.last_failure_at, null, case when b.deletion_state is null then d.restored_at end
            from blocks b join deletions d on d.id = b.deletion_id
            left join lateral (
                select x.last_http_status, x.last_failure_at from dead_letters x
                where x.block_id = b.id and b.deletion_state = :failed
                order by x.dead_lettered_at desc limit 1) l on true
            where b.deletion_id = :id
              and (b.deletion_state = :failed or (b.deletion_state is null and d.restored_at is not null))
            order by 1
            """;

    /**
     * A finished deletion request, as asked.
     *
     * @param dueBy when it had to be finished, as deletion-api decided when it accepted the request
     * @param latestReceipt nullable: the deletion's latest receipt, when it already has one
     */
    record Request(
            UUID id,
            UUID ownerId,
            String scope,
            String target,
            String requestedBy,
            Instant requestedAt,
            Instant dueBy,
            DeletionCompleted latestReceipt) {}

    private final JdbcClient jdbc;

    ReceiptFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the deletions (in id order, so two finishing transactions cannot deadlock) and returns those now finished.
     * The lock serialises the transactions that end a deletion's last blocks: the one that comes second sees the
     * first's commit and builds the receipt.
     */
    List<Request> lockFinished(List<UUID> sortedIds) {
        jdbc.sql("select id from deletions where id in (:ids) order by id for update")
                .param("ids", sortedIds)
                .query(UUID.class)
                .list();
        return jdbc.sql(FINISHED)
                .param("ids", sortedIds)
                .param("failed", BlockState.FAILED.name())
                .query((row, n) -> new Request(
                        row.getObject("id", UUID.class),
                        row.getObject("owner_id", UUID.class),
                        row.getString("scope"),
                        row.getString("target"),
                        row.getString("requested_by"),
                        instant(row, "requested_at"),
                        instant(row, "due_by"),
                        receiptOf(row.getString("latest_receipt"))))
                .list();
    }

    List<ReceiptBlock> blocksOf(UUID deletionId) {
        return jdbc.sql(BLOCKS)
                .param("id", deletionId)
                .param("failed", BlockState.FAILED.name())
                .param("failedOutcome", ReceiptOutcome.FAILED.name())
                .param("restoredOutcome", ReceiptOutcome.RESTORED.name())
                .query(ReceiptFacts::block)
                .list();
    }

    boolean exists(UUID deletionId) {
        return jdbc.sql("select count(*) from deletions where id = :id")
                        .param("id", deletionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Restored deletions without a receipt: the safety net for restores the worker heard nothing about. */
    List<UUID> restoredWithoutReceipt(int limit) {
        return jdbc.sql("""
                        select d.id from deletions d
                        where d.restored_at is not null
                          and not exists (select 1 from deletion_request_receipts r where r.deletion_id = d.id)
                        order by d.restored_at limit :limit
                        """).param("limit", limit).query(UUID.class).list();
    }

    private static DeletionCompleted receiptOf(String body) {
        return body == null ? null : EventJson.mapper().readValue(body, DeletionCompleted.class);
    }

    private static ReceiptBlock block(ResultSet row, int n) throws SQLException {
        return new ReceiptBlock(
                row.getObject("block_id", UUID.class),
                row.getString("calendar_id"),
                row.getString("google_event_id"),
                ReceiptOutcome.valueOf(row.getString("outcome")),
                row.getObject("google_status", Integer.class),
                row.getString("reason"),
                instant(row, "soft_deleted_at"),
                instant(row, "google_answered_at"),
                instant(row, "hard_deleted_at"),
                instant(row, "restored_at"));
    }
}

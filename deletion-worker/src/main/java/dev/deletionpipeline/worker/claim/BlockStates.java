package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The one writer of a block's deletion state ({@code blocks.deletion_state}, {@code claimed_by},
 * {@code claim_expires_at}, {@code attempts}, {@code failure_reason}); only the hard delete removes rows. A claim is one
 * conditional update: only a row of the task's deletion that is still soft-deleted and past its grace period, or whose
 * earlier claim's lease has expired, and that no legal hold covers (V10's {@code block_held}), can be claimed. A
 * restore needs the row still {@code SOFT_DELETED}, so a restore and a claim racing for the same row never both win.
 * The claim counts the attempt on the task in {@code deletion_tasks} in the same statement, and says for each task
 * it could not claim why not ({@link BlockStanding}, read from {@code blocks}, {@code deletion_receipts},
 * {@code removed_dependants} and {@code legal_holds} in one query).
 */
@Repository
public class BlockStates {

    /**
     * A block this worker now holds: {@code deletion_state = CLAIMED}, {@code claimed_by = claimToken}. Only the
     * holder of the token may hard-delete or fail it, so an attempt that outlived its lease cannot finish over a newer
     * one.
     *
     * @param googleEventId nullable: null when the block was never synced to Google
     * @param taskAttempts Google attempts of this task, this one included
     * @param firstClaimedAt when this task first claimed the block
     */
    public record ClaimedBlock(
            DeletionTask task,
            String claimToken,
            String calendarId,
            String googleEventId,
            int taskAttempts,
            Instant firstClaimedAt) {

        public boolean synced() {
            return googleEventId != null;
        }
    }

    /**
     * Where a block stands when its claim failed, and what that means for the task (a pure function, so it is
     * unit-tested without a database).
     *
     * @param deletionState nullable: null when the row is live (or was restored) or gone
     * @param deletionId nullable: the deletion the row is in now
     * @param held a legal hold covers the block now
     */
    record BlockStanding(
            boolean exists,
            BlockState deletionState,
            UUID deletionId,
            Instant purgeAfter,
            Instant claimExpiresAt,
            boolean held,
            boolean confirmed,
            boolean removedAsDependant) {

        /** A claim that lost to nothing visible (e.g. a concurrent restore that rolled back) is retried this soon. */
        static final Duration RECHECK = Duration.ofSeconds(1);

        /** @param heldRecheck how soon a held block is looked at again */
        Unclaimed decide(DeletionTask task, Instant now, Duration heldRecheck) {
            if (confirmed) {
                return new Unclaimed(task, UnclaimedFate.ALREADY_CONFIRMED, null);
            }
            if (removedAsDependant) {
                return new Unclaimed(task, UnclaimedFate.REMOVED_AS_DEPENDANT, null);
            }
            if (!exists || deletionState == null || !task.deletionId().equals(deletionId)) {
                return new Unclaimed(task, UnclaimedFate.DROP, null);
            }
            boolean pending = deletionState == BlockState.SOFT_DELETED || deletionState == BlockState.CLAIMED;
            if (held && pending) {
                return new Unclaimed(task, UnclaimedFate.HELD, max(purgeAfter, now.plus(heldRecheck)));
            }
            return switch (deletionState) {
                case CLAIMED -> new Unclaimed(task, UnclaimedFate.WAIT, later(claimExpiresAt, now));
                case SOFT_DELETED -> new Unclaimed(task, UnclaimedFate.WAIT, later(purgeAfter, now));
                case FAILED -> new Unclaimed(task, UnclaimedFate.DROP, null);
            };
        }

        private static Instant max(Instant purgeAfter, Instant recheck) {
            return purgeAfter != null && purgeAfter.isAfter(recheck) ? purgeAfter : recheck;
        }

        private static Instant later(Instant candidate, Instant now) {
            Instant soonest = now.plus(RECHECK);
            return candidate == null || candidate.isBefore(soonest) ? soonest : candidate;
        }
    }

    /** What became of a task whose block could not be claimed. */
    public enum UnclaimedFate {
        /** The block was hard-deleted and confirmed already (a redelivery, or a second worker): nothing new to do. */
        ALREADY_CONFIRMED,
        /** The block went with its parent before this task came in: its own confirmation is still to be written. */
        REMOVED_AS_DEPENDANT,
        /** Not yet: the grace period was extended or another attempt's lease is running. Look again later. */
        WAIT,
        /** A legal hold covers the block: wait for its release (which makes the task due at once) or the next recheck. */
        HELD,
        /** Restored, re-deleted under another deletion, dead-lettered, or gone without a receipt: this task is over. */
        DROP
    }

    /**
     * A task whose block could not be claimed, and why.
     *
     * @param retryAt nullable: when to look again, for {@link UnclaimedFate#WAIT} and {@link UnclaimedFate#HELD}
     */
    public record Unclaimed(DeletionTask task, UnclaimedFate fate, Instant retryAt) {}

    /** What a claim came to: the blocks now held, and for each other task why its block could not be claimed. */
    public record Claim(List<ClaimedBlock> claimed, List<Unclaimed> unclaimed) {}

    /** The claim {@code claimToken} holds on a block ends at {@code at}. */
    public record ClaimExpiry(UUID blockId, String claimToken, Instant at) {}

    // The claimed blocks and their counted tasks come back as rows of their own and are matched up here: joined in SQL,
    // the planner expects one row from each data-modifying CTE and joins 2,000 × 2,000 in a nested loop.
    // The claim's conditions are one boolean over both sides, `(…) is true`: blocks then has no condition of its own
    // and no index condition but the primary key's, so the planner looks up each wanted block. As separate conditions,
    // with statistics from while the blocks were live (before a bulk soft delete, until autovacuum analyzes again) it
    // expects hardly any pending block and starts from all of them (blocks_deletion_idx or blocks_pending_idx),
    // testing the legal hold on each: all 20,000 of a bulk for a round of 465 (1.9 s a round in the stack benchmark);
    // its generic plan even reads the whole round again for each pending block.
    static final String CLAIM = """
            with wanted as (
                select * from unnest(:blockIds, :deletionIds, :sourceEventIds) as w(block_id, deletion_id, source_event_id)
            ), claimed as (
                update blocks b set deletion_state = :claimed, claimed_by = :token, claim_expires_at = :leaseUntil,
                    attempts = b.attempts + case when b.google_event_id is null then 0 else 1 end
                from wanted w
                where b.id = w.block_id
                  and (b.deletion_id = w.deletion_id
                    and ((b.deletion_state = :softDeleted and b.purge_after <= :now)
                      or (b.deletion_state = :claimed and b.claim_expires_at <= :now))
                    and not block_held(b.owner_id, b.calendar_id, w.block_id, :now)) is true
                returning b.id, b.calendar_id, b.google_event_id, w.source_event_id
            ), counted as (
                update deletion_tasks t
                set attempts = t.attempts + case when c.google_event_id is null then 0 else 1 end,
                    first_claimed_at = coalesce(t.first_claimed_at, :now)
                from claimed c
                where t.block_id = c.id and t.source_event_id = c.source_event_id
                returning t.block_id, t.attempts, t.first_claimed_at
            )
            select true as block_row, c.id, c.calendar_id, c.google_event_id, 0 as attempts,
                   null::timestamptz as first_claimed_at
            from claimed c
            union all
            select false, k.block_id, null, null, k.attempts, k.first_claimed_at from counted k
            """;

    // %s: where the blocks are read from, the table itself (STANDING) or one block locked (STANDING_AFTER_COMMIT)
    private static final String STANDING_OF = """
            select w.block_id, b.id is not null as block_exists, b.deletion_state, b.deletion_id, b.purge_after,
                   b.claim_expires_at,
                   coalesce(block_held(b.owner_id, b.calendar_id, b.id, :now), false) as held,
                   exists (select 1 from deletion_receipts r where r.block_id = w.block_id) as confirmed,
                   exists (select 1 from removed_dependants d where d.block_id = w.block_id) as removed_as_dependant
            from unnest(:blockIds) with ordinality as w(block_id, n) left join %s b on b.id = w.block_id
            order by w.n
            """;

    private static final String STANDING = STANDING_OF.formatted("blocks");

    // PostgreSQL sends a transaction to logical decoding once its commit record is flushed, and shows it to new
    // snapshots only a moment later (ProcArrayEndTransaction; with synchronous replication, after the standby's
    // answer): a BlockSoftDeleted can reach the worker while the block still reads as before its soft delete. A row
    // lock conflicts with that transaction's, so FOR SHARE waits for its end and then reads the row as it committed.
    private static final String STANDING_AFTER_COMMIT = STANDING_OF.formatted("""
            (select id, owner_id, calendar_id, deletion_state, deletion_id, purge_after, claim_expires_at
             from blocks where id = any(:blockIds) for share)""");

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    BlockStates(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Claims what can be claimed of these tasks' blocks, in one statement, then finds out why the others could not be.
     *
     * @param heldRecheck how soon a held block's task looks again (a release makes it due at once anyway)
     */
    public Claim claim(
            List<DeletionTask> tasks, String claimToken, Instant now, Instant leaseUntil, Duration heldRecheck) {
        if (tasks.isEmpty()) {
            return new Claim(List.of(), List.of());
        }
        Map<UUID, DeletionTask> byBlock =
                tasks.stream().collect(Collectors.toMap(DeletionTask::blockId, Function.identity()));
        Map<UUID, ClaimedRow> claimed = new LinkedHashMap<>();
        Map<UUID, CountedTask> counted = new HashMap<>();
        withClaimParams(jdbc.sql(CLAIM), tasks, claimToken, now, leaseUntil).query(row -> {
            UUID id = row.getObject("id", UUID.class);
            if (row.getBoolean("block_row")) {
                claimed.put(id, new ClaimedRow(row.getString("calendar_id"), row.getString("google_event_id")));
            } else {
                counted.put(id, new CountedTask(row.getInt("attempts"), instant(row, "first_claimed_at")));
            }
        });
        List<ClaimedBlock> result = new ArrayList<>(claimed.size());
        claimed.forEach((id, block) -> {
            // no counted task: the task was replaced by a newer event's in the meantime
            CountedTask task = counted.getOrDefault(id, CountedTask.NONE);
            result.add(new ClaimedBlock(
                    byBlock.get(id),
                    claimToken,
                    block.calendarId(),
                    block.googleEventId(),
                    task.attempts(),
                    task.firstClaimedAt()));
        });
        List<DeletionTask> notClaimed =
                tasks.stream().filter(t -> !claimed.containsKey(t.blockId())).toList();
        return new Claim(result, explain(notClaimed, byBlock, now, heldRecheck));
    }

    static StatementSpec withClaimParams(
            StatementSpec claim, List<DeletionTask> tasks, String claimToken, Instant now, Instant leaseUntil) {
        return claim.param("blockIds", uuids(tasks, DeletionTask::blockId))
                .param("deletionIds", uuids(tasks, DeletionTask::deletionId))
                .param("sourceEventIds", uuids(tasks, DeletionTask::sourceEventId))
                .param("claimed", BlockState.CLAIMED.name())
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .param("token", claimToken)
                .param("leaseUntil", param(leaseUntil))
                .param("now", param(now));
    }

    /**
     * Why these tasks' blocks could not be claimed. A block that reads as in another deletion than its task's (or in
     * none) may be one whose soft delete has committed but is not yet visible (see {@link #STANDING_AFTER_COMMIT}): it
     * is read again, alone, with a lock that waits for that commit. One block per statement, so that the worker never
     * holds one row's lock while it waits for another's, and cannot deadlock with a transaction that writes several.
     */
    private List<Unclaimed> explain(
            List<DeletionTask> tasks, Map<UUID, DeletionTask> byBlock, Instant now, Duration heldRecheck) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<Unclaimed> explained = new ArrayList<>(tasks.size());
        standings(STANDING, tasks, now).forEach((blockId, standing) -> {
            DeletionTask task = byBlock.get(blockId);
            BlockStanding settled = standing.exists() && !task.deletionId().equals(standing.deletionId())
                    ? standings(STANDING_AFTER_COMMIT, List.of(task), now).get(blockId)
                    : standing;
            explained.add(settled.decide(task, now, heldRecheck));
        });
        return explained;
    }

    private Map<UUID, BlockStanding> standings(String sql, List<DeletionTask> tasks, Instant now) {
        Map<UUID, BlockStanding> standings = new LinkedHashMap<>();
        jdbc.sql(sql)
                .param("now", param(now))
                .param("blockIds", uuids(tasks, DeletionTask::blockId))
                .query(row -> {
                    standings.put(
                            row.getObject("block_id", UUID.class),
                            new BlockStanding(
                                    row.getBoolean("block_exists"),
                                    BlockState.ofColumn(row.getString("deletion_state")),
                                    row.getObject("deletion_id", UUID.class),
                                    instant(row, "purge_after"),
                                    instant(row, "claim_expires_at"),
                                    row.getBoolean("held"),
                                    row.getBoolean("confirmed"),
                                    row.getBoolean("removed_as_dependant")));
                });
        return standings;
    }

    private record ClaimedRow(String calendarId, String googleEventId) {}

    private record CountedTask(int attempts, Instant firstClaimedAt) {
        static final CountedTask NONE = new CountedTask(0, null);
    }

    /**
     * Lets claims lapse: for a retry the lease ends when the retry is due, so the retry (here or on another worker) can
     * claim again; on shutdown it ends now. The state stays {@code CLAIMED}: a Google call may have happened, so a
     * restore must keep losing.
     */
    public void expireClaims(List<ClaimExpiry> expiries) {
        batches.batchUpdate(
                "update blocks set claim_expires_at = :at where id = :id and claimed_by = :token",
                expiries.stream()
                        .map(e -> new MapSqlParameterSource()
                                .addValue("at", param(e.at()))
                                .addValue("id", e.blockId())
                                .addValue("token", e.claimToken()))
                        .toArray(SqlParameterSource[]::new));
    }

    /**
     * Gives the claimed blocks up: {@code FAILED} with their reason (still soft-deleted, so admins see them), the claim
     * released.
     *
     * @return per block, whether it was failed: false where the claim had been taken over by another attempt
     */
    public List<Boolean> fail(List<ClaimedBlock> claims, List<String> reasons) {
        int[] updated = batches.batchUpdate(
                """
                update blocks set deletion_state = :failed, failure_reason = :reason, claimed_by = null,
                    claim_expires_at = null
                where id = :id and claimed_by = :token
                """,
                IntStream.range(0, claims.size())
                        .mapToObj(i -> new MapSqlParameterSource()
                                .addValue("failed", BlockState.FAILED.name())
                                .addValue("reason", reasons.get(i))
                                .addValue("id", claims.get(i).task().blockId())
                                .addValue("token", claims.get(i).claimToken()))
                        .toArray(SqlParameterSource[]::new));
        return Arrays.stream(updated).mapToObj(rows -> rows != 0).toList();
    }

    /** A redrive: the failed block of this deletion is soft-deleted again; false when it is no longer failed. */
    public boolean requeueFailed(UUID blockId, UUID deletionId) {
        return jdbc.sql("""
                        update blocks set deletion_state = :softDeleted, failure_reason = null
                        where id = :id and deletion_id = :deletionId and deletion_state = :failed
                        """)
                        .param("softDeleted", BlockState.SOFT_DELETED.name())
                        .param("id", blockId)
                        .param("deletionId", deletionId)
                        .param("failed", BlockState.FAILED.name())
                        .update()
                == 1;
    }

    private static SqlArrayValue uuids(List<DeletionTask> tasks, Function<DeletionTask, UUID> field) {
        return new SqlArrayValue("uuid", tasks.stream().map(field).toArray());
    }
}

package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Finds out why tasks' blocks could not be claimed: reads {@code blocks}, {@code deletion_receipts},
 * {@code removed_dependants} and {@code legal_holds} in one query, and lets {@link BlockStanding} decide each task's
 * {@link UnclaimedFate}.
 */
@Component
public class UnclaimedExplainer {

    /**
     * Where a block stands when its claim failed: the facts {@link UnclaimedExplainer} reads, and the decision they lead
     * to (a pure function, so it is unit-tested without a database).
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
        Decision decide(UUID taskDeletionId, Instant now, Duration heldRecheck) {
            if (confirmed) {
                return new Decision(UnclaimedFate.ALREADY_CONFIRMED, null);
            }
            if (removedAsDependant) {
                return new Decision(UnclaimedFate.REMOVED_AS_DEPENDANT, null);
            }
            if (!exists || deletionState == null || !taskDeletionId.equals(deletionId)) {
                return new Decision(UnclaimedFate.DROP, null);
            }
            boolean pending = deletionState == BlockState.SOFT_DELETED || deletionState == BlockState.CLAIMED;
            if (held && pending) {
                return new Decision(UnclaimedFate.HELD, max(purgeAfter, now.plus(heldRecheck)));
            }
            return switch (deletionState) {
                case CLAIMED -> new Decision(UnclaimedFate.WAIT, later(claimExpiresAt, now));
                case SOFT_DELETED -> new Decision(UnclaimedFate.WAIT, later(purgeAfter, now));
                case FAILED -> new Decision(UnclaimedFate.DROP, null);
            };
        }

        private static Instant max(Instant purgeAfter, Instant recheck) {
            return purgeAfter != null && purgeAfter.isAfter(recheck) ? purgeAfter : recheck;
        }

        private static Instant later(Instant candidate, Instant now) {
            Instant soonest = now.plus(RECHECK);
            return candidate == null || candidate.isBefore(soonest) ? soonest : candidate;
        }

        record Decision(UnclaimedFate fate, Instant retryAt) {}
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

    private static final String STANDING = """
            select w.block_id, b.id is not null as block_exists, b.deletion_state, b.deletion_id, b.purge_after,
                   b.claim_expires_at,
                   coalesce(block_held(b.owner_id, b.calendar_id, b.id, :now), false) as held,
                   exists (select 1 from deletion_receipts r where r.block_id = w.block_id) as confirmed,
                   exists (select 1 from removed_dependants d where d.block_id = w.block_id) as removed_as_dependant
            from unnest(:blockIds) as w(block_id) left join blocks b on b.id = w.block_id
            """;

    private final JdbcClient jdbc;

    UnclaimedExplainer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param heldRecheck how soon a held block's task looks again (a release makes it due at once anyway) */
    public List<Unclaimed> explain(List<DeletionTask> tasks, Instant now, Duration heldRecheck) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<UUID, BlockStanding> standings = new HashMap<>();
        Object[] blockIds = tasks.stream().map(DeletionTask::blockId).toArray();
        jdbc.sql(STANDING)
                .param("now", param(now))
                .param("blockIds", new SqlArrayValue("uuid", blockIds))
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
        return tasks.stream()
                .map(task -> {
                    BlockStanding.Decision decision =
                            standings.get(task.blockId()).decide(task.deletionId(), now, heldRecheck);
                    return new Unclaimed(task, decision.fate(), decision.retryAt());
                })
                .toList();
    }
}

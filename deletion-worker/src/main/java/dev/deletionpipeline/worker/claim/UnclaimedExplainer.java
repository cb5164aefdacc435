package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.worker.SqlArrays;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds out why tasks' blocks could not be claimed: reads {@code blocks}, {@code deletion_receipts},
 * {@code removed_dependants} and {@code legal_holds} in one query, and lets {@link BlockStanding} decide each task's
 * {@link UnclaimedFate}.
 */
@Component
public class UnclaimedExplainer {

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
        jdbc.sql(STANDING)
                .param("now", param(now))
                .param(
                        "blockIds",
                        SqlArrays.uuids(
                                tasks.stream().map(DeletionTask::blockId).toList()))
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

package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.common.sql.SqlTime.instant;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.worker.SqlArrays;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds out why tasks' blocks could not be claimed: reads {@code blocks}, {@code deletion_receipts},
 * {@code removed_dependants} and {@code legal_holds} in one query, and lets {@link BlockStanding} decide each task's {@link UnclaimedFate}.
 */
@Component
public class UnclaimedExplainer {

    private static final String STANDING = """
            select w.block_id, b.id is not null as block_exists, b.deletion_state, b.deletion_id, b.purge_after,
                   b.claim_expires_at,
                   coalesce(block_held(b.owner_id, b.calendar_id, b.id, ?), false) as held,
                   exists (select 1 from deletion_receipts r where r.block_id = w.block_id) as confirmed,
                   exists (select 1 from removed_dependants d where d.block_id = w.block_id) as removed_as_dependant
            from unnest(?) as w(block_id) left join blocks b on b.id = w.block_id
            """;

    private final JdbcTemplate jdbc;

    public UnclaimedExplainer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param heldRecheck how soon a held block's task looks again (a release makes it due at once anyway) */
    public List<Unclaimed> explain(List<DeletionTask> tasks, Instant now, Duration heldRecheck) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<UUID, BlockStanding> standings = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(STANDING);
                    statement.setObject(1, SqlTime.param(now));
                    statement.setArray(
                            2,
                            SqlArrays.uuids(
                                    connection,
                                    tasks.stream().map(DeletionTask::blockId).toList()));
                    return statement;
                },
                row -> {
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

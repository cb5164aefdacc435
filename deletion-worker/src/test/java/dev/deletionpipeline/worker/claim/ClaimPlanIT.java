package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.worker.StaleStatistics.NOW;
import static dev.deletionpipeline.worker.StaleStatistics.assertReadsBlocksByPrimaryKeyOnly;

import dev.deletionpipeline.worker.StaleStatistics;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The claim looks up each block of its round by primary key, also while the statistics are from before a bulk soft
 * delete. With such statistics it used to start from all pending blocks and test the legal hold on each of them: 1.9 s
 * per round in the stack benchmark's bulk of 20,000.
 */
class ClaimPlanIT {

    private static final StaleStatistics stale = StaleStatistics.afterBulkSoftDelete(ClaimPlanIT.class);

    private static final List<DeletionTask> round = stale.blocks(10).stream()
            .map(b -> new DeletionTask(
                    b.id(),
                    UUID.randomUUID(),
                    b.deletionId(),
                    b.ownerId(),
                    "plan",
                    b.googleEventId(),
                    NOW.minusSeconds(60),
                    null))
            .toList();

    @Test
    void customPlanReadsOnlyTheRoundsBlocksByPrimaryKey() {
        List<String> plan = BlockStates.withClaimParams(
                        stale.jdbc().sql("explain " + BlockStates.CLAIM),
                        round,
                        "plan-test",
                        NOW,
                        NOW.plus(Duration.ofMinutes(5)))
                .query(String.class)
                .list();

        assertReadsBlocksByPrimaryKeyOnly(plan);
    }

    @Test
    void genericPlanReadsOnlyTheRoundsBlocksByPrimaryKey() throws SQLException {
        assertReadsBlocksByPrimaryKeyOnly(stale.genericPlan(
                BlockStates.CLAIM,
                List.of(
                        "blockIds",
                        "deletionIds",
                        "sourceEventIds",
                        "claimed",
                        "softDeleted",
                        "token",
                        "leaseUntil",
                        "now"),
                "uuid[], uuid[], uuid[], text, text, text, timestamptz, timestamptz"));
    }
}

package dev.deletionpipeline.worker.harddelete;

import static dev.deletionpipeline.worker.StaleStatistics.assertReadsBlocksByPrimaryKeyOnly;

import dev.deletionpipeline.worker.StaleStatistics;
import dev.deletionpipeline.worker.StaleStatistics.BulkBlock;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The hard delete of a round's claimed blocks looks each up by primary key, also while the statistics are from before
 * a bulk soft delete. With such statistics its generic plan read all claimed blocks and, for each, the whole round.
 */
class HardDeletePlanIT {

    private static final StaleStatistics stale = StaleStatistics.afterBulkSoftDelete(HardDeletePlanIT.class);

    @BeforeAll
    static void theWholeBulkClaimed() {
        stale.jdbc()
                .sql("update blocks set deletion_state = 'CLAIMED', claimed_by = 'plan-test'")
                .update();
    }

    @Test
    void customPlanReadsOnlyTheRoundsBlocksByPrimaryKey() {
        List<BulkBlock> round = stale.blocks(10);
        List<String> plan = stale.jdbc()
                .sql("explain " + HardDeleter.CLAIMED)
                .param(
                        "ids",
                        new SqlArrayValue(
                                "uuid", round.stream().map(BulkBlock::id).toArray()))
                .param(
                        "tokens",
                        new SqlArrayValue(
                                "text", round.stream().map(b -> "plan-test").toArray()))
                .param("claimed", "CLAIMED")
                .query(String.class)
                .list();

        assertReadsBlocksByPrimaryKeyOnly(plan);
    }

    @Test
    void genericPlanReadsOnlyTheRoundsBlocksByPrimaryKey() throws SQLException {
        assertReadsBlocksByPrimaryKeyOnly(
                stale.genericPlan(HardDeleter.CLAIMED, List.of("ids", "tokens", "claimed"), "uuid[], text[], text"));
    }
}

package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.common.sql.SqlTime.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The claim looks up each block of its round by primary key, also while the statistics are from before a bulk soft
 * delete (every block live: autovacuum analyzes again only after many changes), in custom and generic plans alike.
 * With such statistics the planner used to start from all pending blocks and test the legal hold on each of them:
 * 1.9 s per round in the stack benchmark's bulk of 20,000.
 */
class ClaimPlanIT {

    private static final TestDatabase database = SharedInfrastructure.freshDatabase("worker_ClaimPlanIT");
    private static final Instant NOW = Instant.parse("2027-01-04T09:00:00Z");

    // in the order of PREPARE's parameter types below
    private static final List<String> PARAMETERS = List.of(
            "blockIds", "deletionIds", "sourceEventIds", "claimed", "softDeleted", "token", "leaseUntil", "now");

    private static List<DeletionTask> round;

    @BeforeAll
    static void statisticsTakenBeforeABulkSoftDelete() {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        UUID owner = UUID.randomUUID();
        UUID deletion = UUID.randomUUID();
        jdbc.sql("alter table blocks set (autovacuum_enabled = false)").update();
        jdbc.sql("insert into owners (id, handle) values (:id, 'plan')")
                .param("id", owner)
                .update();
        jdbc.sql("""
                        insert into deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after,
                            block_count, due_by)
                        values (:id, :owner, 'CALENDAR', 'plan', 'test', now(), now(), 5000, now() + interval '30 days')
                        """).param("id", deletion).param("owner", owner).update();
        jdbc.sql("""
                        insert into blocks (id, owner_id, calendar_id, title, google_event_id)
                        select gen_random_uuid(), :owner, 'plan', 'a block', 'event-' || n from generate_series(1, 5000) n
                        """).param("owner", owner).update();
        jdbc.sql("analyze blocks").update();
        jdbc.sql("""
                        update blocks set deleted_at = :now, deletion_id = :deletion, purge_after = :now,
                            deletion_state = 'SOFT_DELETED'
                        """)
                .param("now", param(NOW.minusSeconds(60)))
                .param("deletion", deletion)
                .update();
        round = jdbc.sql("select id, owner_id, deletion_id, google_event_id from blocks limit 10")
                .query((row, n) -> new DeletionTask(
                        row.getObject("id", UUID.class),
                        UUID.randomUUID(),
                        row.getObject("deletion_id", UUID.class),
                        row.getObject("owner_id", UUID.class),
                        "plan",
                        row.getString("google_event_id"),
                        NOW.minusSeconds(60),
                        null))
                .list();
    }

    @Test
    void customPlanReadsOnlyTheRoundsBlocksByPrimaryKey() {
        List<String> plan = BlockStates.withClaimParams(
                        JdbcClient.create(database.dataSource()).sql("explain " + BlockStates.CLAIM),
                        round,
                        "plan-test",
                        NOW,
                        NOW.plus(Duration.ofMinutes(5)))
                .query(String.class)
                .list();

        assertReadsBlocksByPrimaryKeyOnly(plan);
    }

    /** The plan pgjdbc's server-side prepared statement may settle on after five executions. */
    @Test
    void genericPlanReadsOnlyTheRoundsBlocksByPrimaryKey() throws SQLException {
        String numbered = BlockStates.CLAIM;
        for (int i = 0; i < PARAMETERS.size(); i++) {
            numbered = numbered.replace(":" + PARAMETERS.get(i), "$" + (i + 1));
        }
        try (Connection connection = database.dataSource().getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("prepare claim_plan (uuid[], uuid[], uuid[], text, text, text, timestamptz, timestamptz) as "
                            + numbered)
                    .update();
            jdbc.sql("set plan_cache_mode = force_generic_plan").update();
            List<String> plan = jdbc.sql("explain execute claim_plan (null, null, null, null, null, null, null, null)")
                    .query(String.class)
                    .list();

            assertReadsBlocksByPrimaryKeyOnly(plan);
        }
    }

    private static void assertReadsBlocksByPrimaryKeyOnly(List<String> plan) {
        assertThat(plan.stream().filter(line -> line.matches(".*Scan.* on blocks .*")))
                .as(String.join("\n", plan))
                .isNotEmpty()
                .allMatch(line -> line.contains("Index Scan using blocks_pkey on blocks"));
    }
}

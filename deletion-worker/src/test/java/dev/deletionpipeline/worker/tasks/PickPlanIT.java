package dev.deletionpipeline.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.StaleStatistics;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The pick reads its candidates once, also while the task table's statistics are
 * from before a backlog (analyzed nearly empty, then 5,000 tasks fell due at once, as after the stack benchmark's
 * plain-JDBC run). With such statistics it used to start from every due task and read all candidates again for each:
 * 0.5 s a pick, 2.65 ms of PostgreSQL per single deletion in the stack benchmark.
 */
class PickPlanIT {

    private static final int DUE_TASKS = 5_000;
    private static final int OWNERS = 8;
    private static final String PICK = TaskStore.PICK_DUE.formatted("");

    private static TestDatabase database;
    private static JdbcClient jdbc;

    @BeforeAll
    static void tasksFallDueAfterTheTableWasAnalyzedNearlyEmpty() {
        database = SharedInfrastructure.freshDatabase("worker_pick_plan");
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("alter table deletion_tasks set (autovacuum_enabled = false)").update();
        insertTasks(20, 1);
        jdbc.sql("analyze deletion_tasks").update();
        insertTasks(DUE_TASKS, -1);
    }

    @Test
    void customPlanReadsTheCandidatesOnce() {
        List<String> plan = jdbc.sql("explain (analyze, costs off) " + PICK)
                .param("now", OffsetDateTime.now())
                .param("resting", new SqlArrayValue("uuid"))
                .param("perOwner", 50)
                .param("calls", 400)
                .param("limit", 400)
                .param("leaseUntil", OffsetDateTime.now().plusMinutes(5))
                .query(String.class)
                .list();

        assertCandidatesReadOnce(plan);
    }

    @Test
    void genericPlanReadsTheCandidatesOnce() throws SQLException {
        List<String> plan = StaleStatistics.genericPlan(
                database.dataSource(),
                PICK,
                List.of("now", "resting", "perOwner", "calls", "limit", "leaseUntil"),
                "timestamptz, uuid[], int, int, int, timestamptz",
                "explain (analyze, costs off)",
                List.of("now()", "'{}'", "50", "400", "400", "now() + interval '5 minutes'"));

        assertThat(plan).as(String.join("\n", plan)).anyMatch(line -> line.contains("$1"));
        assertCandidatesReadOnce(plan);
    }

    private static void assertCandidatesReadOnce(List<String> plan) {
        String shown = String.join("\n", plan);
        assertThat(plan)
                .as(shown)
                .filteredOn(line -> line.contains("Subquery Scan on c "))
                .singleElement()
                .matches(line -> line.endsWith("loops=1)"), "read once");
        assertThat(plan).as(shown).noneMatch(line -> line.contains("Rows Removed by Join Filter"));
    }

    private static void insertTasks(int count, int dueInHours) {
        jdbc.sql("""
                        insert into deletion_tasks (block_id, source_event_id, deletion_id, owner_id, calendar_id,
                            google_event_id, soft_deleted_at, purge_after, due_at, source_topic, source_partition,
                            source_offset, record_value, record_headers)
                        select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                            ('00000000-0000-0000-0000-00000000000' || (n % :owners))::uuid, 'plan', 'event-' || n,
                            now(), now(), now() + make_interval(hours => :dueInHours), 'plan', n % 12, n,
                            '\\x00'::bytea, '[]'
                        from generate_series(1, :count) n
                        """)
                .param("dueInHours", dueInHours)
                .param("owners", OWNERS)
                .param("count", count)
                .update();
    }
}

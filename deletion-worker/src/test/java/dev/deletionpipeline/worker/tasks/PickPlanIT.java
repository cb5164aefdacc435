package dev.deletionpipeline.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.StaleStatistics;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The pick reads its candidates once and locks them by primary key, whatever the task table's statistics say. Two
 * tables as the stack benchmark left them: analyzed nearly empty, then 5,000 tasks fell due at once (after the
 * plain-JDBC run), where the pick used to start from every due task and read all candidates again for each (0.5 s a
 * pick); and analyzed with a 25,000-task backlog of one owner (after a bulk), where it used to read every task through
 * the primary key and compare each with every candidate (0.8 s a pick; at 100 deletions/s a pick read 18,000 buffers and
 * PostgreSQL spent 7.8 ms per deletion on it). Both in a custom and in a generic plan.
 */
class PickPlanIT {

    private static final String PICK = TaskStore.PICK_DUE.formatted("");

    /** What the table held when it was last analyzed, and what it holds now. */
    enum Statistics {
        NEARLY_EMPTY_THEN_A_BACKLOG(20, 1, 5_000, 8),
        A_BACKLOG_OF_ONE_OWNER(25_000, -1, 0, 1);

        private final int whenAnalyzed;
        private final int dueInHoursWhenAnalyzed;
        private final int dueAfter;
        private final int owners;

        Statistics(int whenAnalyzed, int dueInHoursWhenAnalyzed, int dueAfter, int owners) {
            this.whenAnalyzed = whenAnalyzed;
            this.dueInHoursWhenAnalyzed = dueInHoursWhenAnalyzed;
            this.dueAfter = dueAfter;
            this.owners = owners;
        }

        TestDatabase seed() {
            TestDatabase database = SharedInfrastructure.freshDatabase("worker_pick_plan_" + ordinal());
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            jdbc.sql("alter table deletion_tasks set (autovacuum_enabled = false)")
                    .update();
            insertTasks(jdbc, whenAnalyzed, dueInHoursWhenAnalyzed, owners);
            jdbc.sql("analyze deletion_tasks").update();
            insertTasks(jdbc, dueAfter, -1, owners);
            return database;
        }
    }

    @ParameterizedTest
    @EnumSource(Statistics.class)
    void customPlanLocksTheCandidatesByPrimaryKey(Statistics statistics) {
        TestDatabase database = statistics.seed();
        List<String> plan = JdbcClient.create(database.dataSource())
                .sql("explain (analyze, costs off) " + PICK)
                .param("now", OffsetDateTime.now())
                .param("resting", new SqlArrayValue("uuid"))
                .param("perOwner", 50)
                .param("calls", 400)
                .param("limit", 400)
                .param("leaseUntil", OffsetDateTime.now().plusMinutes(5))
                .query(String.class)
                .list();

        assertCandidatesLockedByPrimaryKey(plan);
    }

    @ParameterizedTest
    @EnumSource(Statistics.class)
    void genericPlanLocksTheCandidatesByPrimaryKey(Statistics statistics) throws SQLException {
        TestDatabase database = statistics.seed();
        List<String> plan = StaleStatistics.genericPlan(
                database.dataSource(),
                PICK,
                List.of("now", "resting", "perOwner", "calls", "limit", "leaseUntil"),
                "timestamptz, uuid[], int, int, int, timestamptz",
                "explain (analyze, costs off)",
                List.of("now()", "'{}'", "50", "400", "400", "now() + interval '5 minutes'"));

        assertThat(plan).as(String.join("\n", plan)).anyMatch(line -> line.contains("$1"));
        assertCandidatesLockedByPrimaryKey(plan);
    }

    private static void assertCandidatesLockedByPrimaryKey(List<String> plan) {
        String shown = String.join("\n", plan);
        // d_1: the lock step's deletion_tasks (the UPDATE's own is d)
        assertThat(plan)
                .as(shown)
                .filteredOn(line -> line.contains(" on deletion_tasks d_1 "))
                .singleElement()
                .matches(line -> !line.contains("Seq Scan"), "not the whole table")
                .matches(line -> line.endsWith("loops=1)"), "once, for all candidates");
        assertThat(plan)
                .as(shown)
                .as("looked up by primary key")
                .anyMatch(line -> line.contains("Index Cond: (block_id = ANY"));
        assertThat(plan).as(shown).noneMatch(line -> line.contains("Rows Removed by Join Filter"));
    }

    private static void insertTasks(JdbcClient jdbc, int count, int dueInHours, int owners) {
        jdbc.sql("""
                        insert into deletion_tasks (block_id, source_event_id, deletion_id, owner_id, calendar_id,
                            google_event_id, soft_deleted_at, purge_after, due_at, source_topic, source_partition,
                            source_offset, record_value, record_headers)
                        select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                            ('00000000-0000-0000-0000-00000000000' || (n % :owners))::uuid, 'plan', 'event-' || n,
                            now(), now(), now() + make_interval(hours => :dueInHours), 'plan', n % 12, n, '\\x00'::bytea, '[]'
                        from generate_series(1, :count) n
                        """)
                .param("dueInHours", dueInHours)
                .param("owners", owners)
                .param("count", count)
                .update();
    }
}

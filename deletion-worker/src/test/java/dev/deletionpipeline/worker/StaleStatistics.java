package dev.deletionpipeline.worker;

import static dev.deletionpipeline.common.sql.SqlTime.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database whose statistics are from before a bulk soft delete, as the worker meets it until autovacuum analyzes
 * again: 5,000 blocks analyzed while live, then all soft-deleted (autovacuum off for the table). Plan tests explain a
 * statement here, in a custom and in a generic plan (the one pgjdbc's server-side prepared statement may settle on
 * after five executions), and check that it reads blocks by primary key only: with these statistics the planner
 * expects hardly any pending block and likes to start from all of them.
 */
public final class StaleStatistics {

    public static final Instant NOW = Instant.parse("2027-01-04T09:00:00Z");

    private final TestDatabase database;
    private final JdbcClient jdbc;

    /** A block of the bulk. */
    public record BulkBlock(UUID id, UUID ownerId, UUID deletionId, String googleEventId) {}

    private StaleStatistics(TestDatabase database) {
        this.database = database;
        this.jdbc = JdbcClient.create(database.dataSource());
    }

    public static StaleStatistics afterBulkSoftDelete(Class<?> testClass) {
        StaleStatistics stale =
                new StaleStatistics(SharedInfrastructure.freshDatabase("worker_" + testClass.getSimpleName()));
        stale.seed();
        return stale;
    }

    private void seed() {
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
                        update blocks set deleted_at = :softDeletedAt, deletion_id = :deletion,
                            purge_after = :softDeletedAt, deletion_state = 'SOFT_DELETED'
                        """)
                .param("softDeletedAt", param(NOW.minusSeconds(60)))
                .param("deletion", deletion)
                .update();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public List<BulkBlock> blocks(int count) {
        return jdbc.sql("select id, owner_id, deletion_id, google_event_id from blocks limit :count")
                .param("count", count)
                .query((row, n) -> new BulkBlock(
                        row.getObject("id", UUID.class),
                        row.getObject("owner_id", UUID.class),
                        row.getObject("deletion_id", UUID.class),
                        row.getString("google_event_id")))
                .list();
    }

    /**
     * The generic plan of a statement with named parameters.
     *
     * @param parameters the statement's parameter names, in the order of {@code types}
     * @param types PostgreSQL's types of the parameters, comma-separated
     */
    public List<String> genericPlan(String sql, List<String> parameters, String types) throws SQLException {
        return genericPlan(
                database.dataSource(),
                sql,
                parameters,
                types,
                "explain",
                parameters.stream().map(p -> "null").toList());
    }

    /**
     * The generic plan of a statement with named parameters, in a database of the caller's.
     *
     * @param parameters the statement's parameter names, in the order of {@code types}
     * @param types PostgreSQL's types of the parameters, comma-separated
     * @param explain the {@code EXPLAIN} with its options, e.g. {@code explain (analyze, costs off)}
     * @param arguments a SQL expression per parameter, in the same order
     */
    public static List<String> genericPlan(
            DataSource dataSource,
            String sql,
            List<String> parameters,
            String types,
            String explain,
            List<String> arguments)
            throws SQLException {
        String numbered = sql;
        for (int i = 0; i < parameters.size(); i++) {
            numbered = numbered.replace(":" + parameters.get(i), "$" + (i + 1));
        }
        try (Connection connection = dataSource.getConnection()) {
            JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            session.sql("prepare plan_test (" + types + ") as " + numbered).update();
            session.sql("set plan_cache_mode = force_generic_plan").update();
            return session.sql(explain + " execute plan_test (" + String.join(", ", arguments) + ")")
                    .query(String.class)
                    .list();
        }
    }

    public static void assertReadsBlocksByPrimaryKeyOnly(List<String> plan) {
        assertThat(plan.stream().filter(line -> line.matches(".*Scan.* on blocks .*")))
                .as(String.join("\n", plan))
                .isNotEmpty()
                .allMatch(line -> line.contains("Index Scan using blocks_pkey on blocks"));
    }
}

package dev.deletionpipeline.endtoend.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL ran in each measured phase, from {@code pg_stat_statements} (loaded by {@code LocalPostgres}): the
 * statements of the pipeline's database that took the most execution and planning time, each with its calls, execution
 * and planning milliseconds per deletion, rows and buffers (shared blocks hit or read) per call. A statement with far
 * more than one call per deletion is a poll or a small round paid too often; one with many buffers per row reads more
 * than it returns (dead rows of a queue table, a scan instead of a lookup). Execution time includes waiting for locks.
 * Reads as the cluster's superuser ({@code postgres}, trusted on localhost), which may create the extension and see
 * every role's statements.
 */
final class PgStatements {

    private static final int TOP = 12;
    private static final int QUERY_CHARS = 110;

    private final String superuserUrl;
    private final Map<String, List<Map<String, Object>>> phases = new LinkedHashMap<>();

    /** @param jdbcUrl the pipeline database's URL; the extension lives in the {@code postgres} database beside it */
    PgStatements(String jdbcUrl) throws SQLException {
        this.superuserUrl = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    /** Forgets what ran so far: the next {@link #end} counts from here. */
    void begin() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The phase's top statements by execution time, per deletion. */
    List<Map<String, Object>> end(String phase, long deletions) throws SQLException {
        List<Map<String, Object>> top = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT s.calls, s.total_exec_time, s.total_plan_time, s.rows,
                               s.shared_blks_hit + s.shared_blks_read AS blocks,
                               regexp_replace(s.query, '\\s+', ' ', 'g') AS query
                          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                         WHERE d.datname = 'deletion'
                         ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT %d
                        """.formatted(TOP))) {
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                long calls = rows.getLong("calls");
                row.put("calls_per_deletion", round(calls / (double) deletions));
                row.put("exec_ms_per_deletion", round(rows.getDouble("total_exec_time") / deletions));
                row.put("plan_ms_per_deletion", round(rows.getDouble("total_plan_time") / deletions));
                row.put("rows_per_call", round(rows.getLong("rows") / (double) Math.max(1, calls)));
                row.put("buffers_per_call", round(rows.getLong("blocks") / (double) Math.max(1, calls)));
                String query = rows.getString("query");
                row.put("query", query.length() > QUERY_CHARS ? query.substring(0, QUERY_CHARS) + "…" : query);
                top.add(row);
            }
        }
        phases.put(phase, top);
        return top;
    }

    Map<String, List<Map<String, Object>>> asMap() {
        return Collections.unmodifiableMap(phases);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(superuserUrl, "postgres", "");
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

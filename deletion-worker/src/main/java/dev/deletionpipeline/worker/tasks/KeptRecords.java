package dev.deletionpipeline.worker.tasks;

import dev.deletionpipeline.worker.SqlArrays;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the Kafka records kept in {@code deletion_tasks} ({@code source_*}, {@code record_*}): only a dead letter
 * needs them, so a pick does not carry them along.
 */
@Repository
public class KeptRecords {

    private static final String BY_TASK = """
            select t.block_id, t.source_event_id, t.source_topic, t.source_partition, t.source_offset, t.record_key,
                t.record_value, t.record_headers
            from deletion_tasks t join unnest(?, ?) as k(block_id, source_event_id)
              on t.block_id = k.block_id and t.source_event_id = k.source_event_id
            """;

    private final JdbcTemplate jdbc;

    public KeptRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The records of these tasks, in one query; a task no longer in the table is not in the answer. */
    public Map<TaskKey, KeptRecord> of(List<TaskKey> tasks) {
        Map<TaskKey, KeptRecord> records = new HashMap<>();
        if (tasks.isEmpty()) {
            return records;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(BY_TASK);
                    statement.setArray(
                            1,
                            SqlArrays.uuids(
                                    connection,
                                    tasks.stream().map(TaskKey::blockId).toList()));
                    statement.setArray(
                            2,
                            SqlArrays.uuids(
                                    connection,
                                    tasks.stream().map(TaskKey::sourceEventId).toList()));
                    return statement;
                },
                row -> {
                    records.put(
                            new TaskKey(
                                    row.getObject("block_id", UUID.class),
                                    row.getObject("source_event_id", UUID.class)),
                            read(row));
                });
        return records;
    }

    /** Reads the kept record from a row of {@code deletion_tasks} or {@code dead_letters}, which keep it alike. */
    public static KeptRecord read(ResultSet row) throws SQLException {
        return new KeptRecord(
                row.getString("source_topic"),
                row.getInt("source_partition"),
                row.getLong("source_offset"),
                row.getString("record_key"),
                row.getBytes("record_value"),
                HeadersJson.read(row.getString("record_headers")));
    }
}

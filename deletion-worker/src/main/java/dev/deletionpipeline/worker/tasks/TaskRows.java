package dev.deletionpipeline.worker.tasks;

import static dev.deletionpipeline.worker.Timestamps.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/** Reads a {@code deletion_tasks} row. */
final class TaskRows implements RowMapper<DeletionTask> {

    static final TaskRows INSTANCE = new TaskRows();

    @Override
    public DeletionTask mapRow(ResultSet row, int rowNum) throws SQLException {
        int status = row.getInt("last_http_status");
        Integer lastHttpStatus = row.wasNull() ? null : status;
        return new DeletionTask(
                row.getObject("block_id", UUID.class),
                row.getObject("source_event_id", UUID.class),
                row.getObject("deletion_id", UUID.class),
                row.getObject("owner_id", UUID.class),
                row.getString("calendar_id"),
                row.getString("google_event_id"),
                read(row, "soft_deleted_at"),
                read(row, "purge_after"),
                read(row, "due_at"),
                row.getInt("attempts"),
                read(row, "first_claimed_at"),
                read(row, "first_failure_at"),
                read(row, "last_failure_at"),
                lastHttpStatus,
                row.getString("last_reason"),
                row.getString("last_detail"),
                new KeptRecord(
                        row.getString("source_topic"),
                        row.getInt("source_partition"),
                        row.getLong("source_offset"),
                        row.getString("record_key"),
                        row.getBytes("record_value"),
                        HeadersJson.read(row.getString("record_headers"))));
    }
}

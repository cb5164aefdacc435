package dev.deletionpipeline.worker.tasks;

import static dev.deletionpipeline.common.sql.SqlTime.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;

/** Reads a {@code deletion_tasks} row selected with {@link #columns}. */
final class TaskRows implements RowMapper<DeletionTask> {

    static final TaskRows INSTANCE = new TaskRows();

    /** Everything but the kept record: its bytes and headers would be read and parsed on every pick for nothing. */
    private static final List<String> COLUMNS = List.of(
            "block_id",
            "source_event_id",
            "deletion_id",
            "owner_id",
            "calendar_id",
            "google_event_id",
            "soft_deleted_at",
            "purge_after",
            "due_at",
            "attempts",
            "first_claimed_at",
            "first_failure_at",
            "last_failure_at",
            "last_http_status",
            "last_reason",
            "last_detail");

    /** The select list of the columns read here, each qualified with the table's alias. */
    static String columns(String alias) {
        return COLUMNS.stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

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
                instant(row, "soft_deleted_at"),
                instant(row, "purge_after"),
                instant(row, "due_at"),
                row.getInt("attempts"),
                instant(row, "first_claimed_at"),
                instant(row, "first_failure_at"),
                instant(row, "last_failure_at"),
                lastHttpStatus,
                row.getString("last_reason"),
                row.getString("last_detail"));
    }
}

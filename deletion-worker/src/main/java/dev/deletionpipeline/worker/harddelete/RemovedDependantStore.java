package dev.deletionpipeline.worker.harddelete;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.worker.SqlArrays;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code removed_dependants}: dependants hard-deleted with their parent before their own task came in, kept
 * until that task writes their confirmation.
 */
@Repository
class RemovedDependantStore {

    private final JdbcTemplate jdbc;

    RemovedDependantStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<RemovedDependant> removed) {
        jdbc.batchUpdate("""
                insert into removed_dependants (block_id, parent_block_id, deletion_id, owner_id, calendar_id,
                    google_event_id, outcome, google_answered_at, hard_deleted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (block_id) do nothing
                """, removed, removed.size(), (statement, r) -> {
            statement.setObject(1, r.blockId());
            statement.setObject(2, r.parentBlockId());
            statement.setObject(3, r.deletionId());
            statement.setObject(4, r.ownerId());
            statement.setString(5, r.calendarId());
            statement.setString(6, r.googleEventId());
            statement.setString(7, r.outcome().name());
            statement.setObject(8, param(r.googleAnsweredAt()));
            statement.setObject(9, param(r.hardDeletedAt()));
        });
    }

    /** Removes and returns the rows of these blocks. */
    List<RemovedDependant> take(List<UUID> blockIds) {
        return jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "delete from removed_dependants where block_id = any(?)" + " returning *");
                    statement.setArray(1, SqlArrays.uuids(connection, blockIds));
                    return statement;
                },
                (row, n) -> new RemovedDependant(
                        row.getObject("block_id", UUID.class),
                        row.getObject("parent_block_id", UUID.class),
                        row.getObject("deletion_id", UUID.class),
                        row.getObject("owner_id", UUID.class),
                        row.getString("calendar_id"),
                        row.getString("google_event_id"),
                        instant(row, "google_answered_at"),
                        instant(row, "hard_deleted_at")));
    }
}

package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.common.sql.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the {@code deletions} table. */
@Repository
public class Deletions {

    private final JdbcClient jdbc;

    Deletions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new deletion with no blocks yet; its block count is set by the soft delete. */
    public void insert(Deletion deletion) {
        jdbc.sql("""
                        INSERT INTO deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after,
                                               due_by)
                        VALUES (:id, :owner, :scope, :target, :requestedBy, :at, :purgeAfter, :dueBy)
                        """)
                .param("id", deletion.id())
                .param("owner", deletion.ownerId())
                .param("scope", deletion.kind().name())
                .param("target", deletion.target())
                .param("requestedBy", deletion.requestedBy())
                .param("at", SqlTime.param(deletion.requestedAt()))
                .param("purgeAfter", SqlTime.param(deletion.purgeAfter()))
                .param("dueBy", SqlTime.param(deletion.dueBy()))
                .update();
    }

    public Optional<Deletion> find(UUID id) {
        return jdbc.sql("SELECT * FROM deletions WHERE id = :id")
                .param("id", id)
                .query(Deletions::map)
                .optional();
    }

    public boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM deletions WHERE id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void markRestored(UUID id, Instant at) {
        jdbc.sql("UPDATE deletions SET restored_at = :at WHERE id = :id")
                .param("id", id)
                .param("at", SqlTime.param(at))
                .update();
    }

    private static Deletion map(ResultSet rs, int row) throws SQLException {
        return new Deletion(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                DeletionKind.valueOf(rs.getString("scope")),
                rs.getString("target"),
                rs.getString("requested_by"),
                SqlTime.instant(rs, "requested_at"),
                SqlTime.instant(rs, "purge_after"),
                rs.getInt("block_count"),
                SqlTime.instant(rs, "restored_at"),
                SqlTime.instant(rs, "due_by"));
    }
}

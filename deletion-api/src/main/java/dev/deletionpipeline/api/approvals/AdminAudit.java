package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.sql.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code admin_audit}, the one audit trail of operator actions (approvals, legal holds); entries are
 * only ever inserted.
 */
@Repository
public class AdminAudit {

    private final JdbcClient jdbc;

    AdminAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param action an {@code ApprovalDecision} or a {@code HoldAction}: its name is stored */
    public void record(Enum<?> action, UUID subject, String actor, Instant at, String reason) {
        jdbc.sql("""
                        INSERT INTO admin_audit (id, action, subject_id, actor, at, reason)
                        VALUES (:id, :action, :subject, :actor, :at, :reason)
                        """)
                .param("id", UUID.randomUUID())
                .param("action", action.name())
                .param("subject", subject)
                .param("actor", actor)
                .param("at", SqlTime.param(at))
                .param("reason", reason)
                .update();
    }

    public List<AuditEntry> of(UUID subject) {
        return jdbc.sql("SELECT * FROM admin_audit WHERE subject_id = :subject ORDER BY at, id")
                .param("subject", subject)
                .query(AdminAudit::map)
                .list();
    }

    /** Newest first. */
    List<AuditEntry> page(int page, int size) {
        return jdbc.sql("SELECT * FROM admin_audit ORDER BY at DESC, id LIMIT :size OFFSET :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(AdminAudit::map)
                .list();
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        String filter = rs.getString("filter");
        int itemCount = rs.getInt("item_count");
        Integer count = rs.wasNull() ? null : itemCount;
        return new AuditEntry(
                rs.getObject("id", UUID.class),
                rs.getString("action"),
                rs.getObject("subject_id", UUID.class),
                rs.getString("actor"),
                SqlTime.instant(rs, "at"),
                rs.getString("reason"),
                filter == null ? null : EventJson.mapper().readTree(filter),
                count);
    }
}

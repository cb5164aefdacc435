package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.api.deletions.DeletionPreview;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.sql.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code deletion_approvals}. */
@Repository
class Approvals {

    private final JdbcClient jdbc;

    Approvals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void hold(DeletionRequested command, String requestedBy, DeletionPreview preview, Instant at) {
        jdbc.sql("""
                        INSERT INTO deletion_approvals (id, owner_id, scope, block_id, calendar_id, requested_by,
                                                        held_at, blocks, dependants, series_instances, synced_to_google)
                        VALUES (:id, :owner, :scope, :block, :calendar, :requestedBy,
                                :at, :blocks, :dependants, :series, :synced)
                        """)
                .param("id", command.eventId())
                .param("owner", command.ownerId())
                .param("scope", command.scope().name())
                .param("block", command.scope() == DeletionScope.BLOCK ? command.blockId() : null)
                .param("calendar", command.scope() == DeletionScope.CALENDAR ? command.calendarId() : null)
                .param("requestedBy", requestedBy)
                .param("at", SqlTime.param(at))
                .param("blocks", preview.blocks())
                .param("dependants", preview.dependants())
                .param("series", preview.seriesInstances())
                .param("synced", preview.syncedToGoogle())
                .update();
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM deletion_approvals WHERE id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    Optional<Approval> find(UUID id) {
        return jdbc.sql("SELECT * FROM deletion_approvals WHERE id = :id")
                .param("id", id)
                .query(Approvals::map)
                .optional();
    }

    /** The row, locked until the transaction ends, so that two decisions on it serialise. */
    Optional<Approval> lock(UUID id) {
        return jdbc.sql("SELECT * FROM deletion_approvals WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Approvals::map)
                .optional();
    }

    /** Oldest first; {@code decision} empty = the waiting ones. */
    List<Approval> page(Optional<ApprovalDecision> decision, int page, int size) {
        return jdbc.sql("""
                        SELECT * FROM deletion_approvals
                         WHERE decision IS NOT DISTINCT FROM CAST(:decision AS text)
                         ORDER BY held_at, id LIMIT :size OFFSET :offset
                        """)
                .param("decision", decision.map(Enum::name).orElse(null))
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Approvals::map)
                .list();
    }

    void decide(UUID id, ApprovalDecision decision) {
        jdbc.sql("UPDATE deletion_approvals SET decision = :decision WHERE id = :id")
                .param("id", id)
                .param("decision", decision.name())
                .update();
    }

    void updatePreview(UUID id, DeletionPreview preview) {
        jdbc.sql("""
                        UPDATE deletion_approvals
                           SET blocks = :blocks, dependants = :dependants, series_instances = :series,
                               synced_to_google = :synced
                         WHERE id = :id AND decision IS NULL
                        """)
                .param("id", id)
                .param("blocks", preview.blocks())
                .param("dependants", preview.dependants())
                .param("series", preview.seriesInstances())
                .param("synced", preview.syncedToGoogle())
                .update();
    }

    private static Approval map(ResultSet rs, int row) throws SQLException {
        long blocks = rs.getLong("blocks");
        long synced = rs.getLong("synced_to_google");
        String decision = rs.getString("decision");
        return new Approval(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                DeletionScope.valueOf(rs.getString("scope")),
                rs.getObject("block_id", UUID.class),
                rs.getString("calendar_id"),
                rs.getString("requested_by"),
                SqlTime.instant(rs, "held_at"),
                new DeletionPreview(
                        blocks, rs.getLong("dependants"), rs.getLong("series_instances"), synced, blocks - synced),
                decision == null ? null : ApprovalDecision.valueOf(decision));
    }
}

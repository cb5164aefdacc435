package dev.deletionpipeline.worker.redrive;

import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.worker.failure.DeadLetterFilter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes redrives to {@code admin_audit}, the one audit trail of operator actions (read by deletion-api's
 * {@code GET /v1/admin/audit}), in the redrive's own transaction.
 */
@Repository
class RedriveAudit {

    private final JdbcTemplate jdbc;

    RedriveAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A redrive of one dead letter; returns the entry's id. */
    UUID single(RedriveAuditAction action, UUID deadLetterId, String actor, Instant at, String reason) {
        UUID id = UUID.randomUUID();
        insert(id, action, deadLetterId, actor, at, reason, null, 1);
        return id;
    }

    /** A redrive by filter, its own subject; the id must be the one the redriven dead letters were marked with. */
    void filtered(UUID id, DeadLetterFilter filter, String actor, Instant at, String reason, int count) {
        insert(id, RedriveAuditAction.DEAD_LETTERS_REDRIVEN, id, actor, at, reason, json(filter), count);
    }

    private void insert(
            UUID id,
            RedriveAuditAction action,
            UUID subject,
            String actor,
            Instant at,
            String reason,
            String filter,
            int count) {
        jdbc.update(
                "insert into admin_audit (id, action, subject_id, actor, at, reason, filter, item_count)"
                        + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)",
                id,
                action.name(),
                subject,
                actor,
                param(at),
                reason,
                filter,
                count);
    }

    private static String json(DeadLetterFilter filter) {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "reason", filter.reason());
        put(given, "ownerId", filter.ownerId());
        put(given, "deletionId", filter.deletionId());
        put(given, "from", filter.from());
        put(given, "to", filter.to());
        return JsonMapper.shared().writeValueAsString(given);
    }

    private static void put(Map<String, String> given, String name, Object value) {
        if (value != null) {
            given.put(name, value.toString());
        }
    }
}

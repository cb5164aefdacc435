package dev.deletionpipeline.worker.failure;

import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.worker.failure.DeadLetterStore.Filter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes redrives to {@code admin_audit}, the one audit trail of operator actions (read by deletion-api's
 * {@code GET /v1/admin/audit}), in the redrive's own transaction.
 */
@Repository
class RedriveAudit {

    /** What an operator did to dead letters, as {@code admin_audit.action}. */
    enum Action {
        /** One dead letter redriven; the entry's subject is the dead letter. */
        DEAD_LETTER_REDRIVEN,
        /** One parked dead letter redriven with {@code unpark}; the entry's subject is the dead letter. */
        DEAD_LETTER_UNPARKED,
        /** The dead letters a filter matched redriven; the entry's subject is the entry itself, its filter and count. */
        DEAD_LETTERS_REDRIVEN
    }

    private final JdbcClient jdbc;

    RedriveAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A redrive of one dead letter; returns the entry's id. */
    UUID single(Action action, UUID deadLetterId, String actor, Instant at, String reason) {
        UUID id = UUID.randomUUID();
        insert(id, action, deadLetterId, actor, at, reason, null, 1);
        return id;
    }

    /** A redrive by filter, its own subject; the id must be the one the redriven dead letters were marked with. */
    void filtered(UUID id, Filter filter, String actor, Instant at, String reason, int count) {
        insert(id, Action.DEAD_LETTERS_REDRIVEN, id, actor, at, reason, json(filter), count);
    }

    private void insert(
            UUID id, Action action, UUID subject, String actor, Instant at, String reason, String filter, int count) {
        jdbc.sql("""
                        insert into admin_audit (id, action, subject_id, actor, at, reason, filter, item_count)
                        values (:id, :action, :subject, :actor, :at, :reason, cast(:filter as jsonb), :count)
                        """)
                .param("id", id)
                .param("action", action.name())
                .param("subject", subject)
                .param("actor", actor)
                .param("at", param(at))
                .param("reason", reason)
                .param("filter", filter, java.sql.Types.VARCHAR)
                .param("count", count)
                .update();
    }

    private static String json(Filter filter) {
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

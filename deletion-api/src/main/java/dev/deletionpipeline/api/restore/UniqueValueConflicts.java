package dev.deletionpipeline.api.restore;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds a unique value that a restore would take back from a live row: a Google event id that a live block of the
 * same calendar now holds (partial unique index {@code blocks_google_event_live_uq}). Checked before the restore so
 * that the caller gets a clear 409; the index still guards a race, and its violation is a 409 too.
 */
@Component
class UniqueValueConflicts {

    private final JdbcClient jdbc;

    UniqueValueConflicts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> of(UUID deletionId) {
        return jdbc.sql("""
                        SELECT r.calendar_id, r.google_event_id
                          FROM blocks r
                         WHERE r.deletion_id = :deletion AND r.deletion_state IS NOT NULL
                           AND r.google_event_id IS NOT NULL
                           AND EXISTS (SELECT 1 FROM blocks l
                                        WHERE l.calendar_id = r.calendar_id AND l.google_event_id = r.google_event_id
                                          AND l.deletion_state IS NULL)
                         LIMIT 1
                        """)
                .param("deletion", deletionId)
                .query((rs, row) -> "Cannot restore: Google event '" + rs.getString("google_event_id")
                        + "' of calendar '" + rs.getString("calendar_id")
                        + "' now belongs to another live block. Delete that block first.")
                .optional();
    }
}

package dev.deletionpipeline.api.deletions;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts what a deletion would soft-delete, with one read-only statement over {@code blocks} that uses the soft
 * delete's own predicate. Changes nothing.
 */
@Component
public class DeletionPreviews {

    private static final String COUNT = """
            SELECT count(*) AS blocks,
                   count(*) FILTER (WHERE original_id IS NOT NULL) AS dependants,
                   count(*) FILTER (WHERE google_event_data ->> 'recurringEventId' IS NOT NULL) AS series_instances,
                   count(*) FILTER (WHERE google_event_id IS NOT NULL) AS synced
              FROM blocks
             WHERE %s
            """;

    private final JdbcClient jdbc;

    DeletionPreviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DeletionPreview of(UUID owner, DeletionTarget target) {
        return jdbc.sql(COUNT.formatted(target.predicate()))
                .params(target.params(owner))
                .query((rs, row) -> new DeletionPreview(
                        rs.getLong("blocks"),
                        rs.getLong("dependants"),
                        rs.getLong("series_instances"),
                        rs.getLong("synced"),
                        rs.getLong("blocks") - rs.getLong("synced")))
                .single();
    }

    /** The target of deleting one live block of the owner; empty when the owner has no such live block. */
    public Optional<DeletionTarget> liveBlock(UUID owner, UUID blockId) {
        return jdbc.sql("""
                        SELECT calendar_id, google_event_id FROM blocks
                         WHERE id = :id AND owner_id = :owner AND deletion_state IS NULL
                        """)
                .param("id", blockId)
                .param("owner", owner)
                .query((rs, row) -> (DeletionTarget)
                        new DeletionTarget.Block(blockId, rs.getString("calendar_id"), rs.getString("google_event_id")))
                .optional();
    }
}

package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.support.SqlTime;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The set-based soft delete: one {@code UPDATE} of {@code blocks} per deletion, whatever its size, which also stores
 * the count in {@code deletions.block_count}. Only live rows ({@code deletion_state IS NULL}) of the deletion's owner
 * are touched. Ordinary blocks get {@code deleted_at}; cancellation markers get {@code item_status = 'DELETED'} and
 * keep {@code deleted_at} null so that their owner still sees them.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class SoftDeleter {

    private static final String SOFT_DELETE = """
            WITH soft_deleted AS (
                UPDATE blocks
                   SET deleted_at = CASE WHEN kind = 'CANCELLATION_MARKER' THEN NULL
                                         ELSE CAST(:now AS timestamptz) END,
                       item_status = CASE WHEN kind = 'CANCELLATION_MARKER' THEN 'DELETED' ELSE item_status END,
                       deletion_id = :deletion,
                       deletion_state = 'SOFT_DELETED',
                       purge_after = :purgeAfter,
                       updated_at = :now,
                       claimed_by = NULL, claim_expires_at = NULL, attempts = 0, failure_reason = NULL
                 WHERE owner_id = :owner AND deletion_state IS NULL AND %s
                RETURNING 1)
            UPDATE deletions SET block_count = (SELECT count(*) FROM soft_deleted) WHERE id = :deletion
            RETURNING block_count
            """;

    /**
     * The block, its direct children and, when it is a recurring series, its instances (same owner and calendar, as
     * Google event ids are unique per calendar): each branch can use its own index (primary key,
     * {@code blocks_original_idx}, {@code blocks_recurring_idx}).
     */
    private static final String BLOCK_AND_DEPENDANTS = """
            id IN (SELECT id FROM blocks WHERE id = :block
                   UNION ALL
                   SELECT id FROM blocks WHERE original_id = :block
                   UNION ALL
                   SELECT id FROM blocks
                    WHERE owner_id = :owner AND calendar_id = :calendar
                      AND google_event_data ?? 'recurringEventId'
                      AND google_event_data ->> 'recurringEventId' = CAST(:series AS text))
            """;

    private final JdbcClient jdbc;

    SoftDeleter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Soft-deletes a block and its dependants; the calendar and Google event id are the block's own. */
    public int blockAndDependants(Deletion deletion, UUID blockId, String calendarId, String seriesEventId) {
        return jdbc.sql(SOFT_DELETE.formatted(BLOCK_AND_DEPENDANTS))
                .params(common(deletion))
                .param("block", blockId)
                .param("calendar", calendarId)
                .param("series", seriesEventId)
                .query(Integer.class)
                .single();
    }

    /** Soft-deletes every live block of the deletion's owner in one calendar. */
    public int calendar(Deletion deletion, String calendarId) {
        return jdbc.sql(SOFT_DELETE.formatted("calendar_id = :calendar"))
                .params(common(deletion))
                .param("calendar", calendarId)
                .query(Integer.class)
                .single();
    }

    /** Soft-deletes every live block of the deletion's owner. */
    public int everyBlockOfOwner(Deletion deletion) {
        return jdbc.sql(SOFT_DELETE.formatted("TRUE"))
                .params(common(deletion))
                .query(Integer.class)
                .single();
    }

    private static Map<String, Object> common(Deletion deletion) {
        Instant now = deletion.requestedAt();
        return Map.of(
                "deletion", deletion.id(),
                "owner", deletion.ownerId(),
                "now", SqlTime.param(now),
                "purgeAfter", SqlTime.param(deletion.purgeAfter()));
    }
}

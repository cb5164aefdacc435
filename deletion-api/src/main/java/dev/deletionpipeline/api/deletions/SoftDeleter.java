package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.ItemStatus;
import dev.deletionpipeline.common.sql.SqlTime;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The set-based soft delete: one {@code UPDATE} of {@code blocks} per deletion, whatever its size, which also stores
 * the count in {@code deletions.block_count}. Only the live rows of the deletion's owner that its
 * {@link DeletionTarget} names are touched. Ordinary blocks get {@code deleted_at}; cancellation markers get
 * {@code item_status = DELETED} and keep {@code deleted_at} null so that their owner still sees them.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class SoftDeleter {

    private static final String SOFT_DELETE = """
            WITH soft_deleted AS (
                UPDATE blocks
                   SET deleted_at = CASE WHEN kind = :cancellationMarker THEN NULL
                                         ELSE CAST(:now AS timestamptz) END,
                       item_status = CASE WHEN kind = :cancellationMarker THEN :deletedItem ELSE item_status END,
                       deletion_id = :deletion,
                       deletion_state = :softDeleted,
                       purge_after = :purgeAfter,
                       updated_at = :now,
                       claimed_by = NULL, claim_expires_at = NULL, attempts = 0, failure_reason = NULL
                 WHERE %s
                RETURNING 1)
            UPDATE deletions SET block_count = (SELECT count(*) FROM soft_deleted) WHERE id = :deletion
            RETURNING block_count
            """;

    private final JdbcClient jdbc;

    SoftDeleter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Soft-deletes what the target names among the deletion's owner's live blocks; returns how many. */
    public int softDelete(Deletion deletion, DeletionTarget target) {
        return jdbc.sql(SOFT_DELETE.formatted(target.predicate()))
                .params(target.params(deletion.ownerId()))
                .params(Map.of(
                        "deletion", deletion.id(),
                        "now", SqlTime.param(deletion.requestedAt()),
                        "purgeAfter", SqlTime.param(deletion.purgeAfter()),
                        "softDeleted", BlockState.SOFT_DELETED.name(),
                        "cancellationMarker", BlockKind.CANCELLATION_MARKER.name(),
                        "deletedItem", ItemStatus.DELETED.name()))
                .query(Integer.class)
                .single();
    }
}

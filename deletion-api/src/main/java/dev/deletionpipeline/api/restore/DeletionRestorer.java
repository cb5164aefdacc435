package dev.deletionpipeline.api.restore;

import dev.deletionpipeline.api.deletions.Deletion;
import dev.deletionpipeline.api.deletions.Deletions;
import dev.deletionpipeline.api.outbox.OutboxWriter;
import dev.deletionpipeline.api.problems.ConflictException;
import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.ItemStatus;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Restores every block of one deletion, or none: a conditional {@code UPDATE ... WHERE deletion_state =
 * SOFT_DELETED AND purge_after > now}; if it does not bring back every block the deletion still has, the worker got
 * there first and the whole restore is rolled back as a 409. Reads {@code blocks}, {@code deletion_receipts}; writes
 * {@code blocks}, {@code deletions.restored_at} and, when asked, {@code BlockRestored} outbox rows.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class DeletionRestorer {

    private static final String RESTORE = """
            UPDATE blocks
               SET deleted_at = NULL,
                   item_status = CASE WHEN kind = :cancellationMarker THEN :activeItem ELSE item_status END,
                   deletion_state = NULL, purge_after = NULL, updated_at = :now,
                   claimed_by = NULL, claim_expires_at = NULL, attempts = 0, failure_reason = NULL
             WHERE deletion_id = :deletion AND deletion_state = :softDeleted AND purge_after > :now
            """;

    private final JdbcClient jdbc;
    private final Deletions deletions;
    private final UniqueValueConflicts conflicts;
    private final OutboxWriter outbox;
    private final Clock clock;

    DeletionRestorer(
            JdbcClient jdbc, Deletions deletions, UniqueValueConflicts conflicts, OutboxWriter outbox, Clock clock) {
        this.jdbc = jdbc;
        this.deletions = deletions;
        this.conflicts = conflicts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param announce whether to write one {@code BlockRestored} per block (not when nothing was announced yet) */
    public RestoreResult restore(Deletion deletion, boolean announce) {
        Instant now = SqlTime.now(clock);
        refuseIfStarted(deletion, now);
        conflicts.of(deletion.id()).ifPresent(message -> {
            throw new ConflictException(message);
        });
        int expected = count(
                "SELECT count(*) FROM blocks WHERE deletion_id = :deletion AND deletion_state IS NOT NULL", deletion);
        int restored = jdbc.sql(RESTORE)
                .param("deletion", deletion.id())
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .param("cancellationMarker", BlockKind.CANCELLATION_MARKER.name())
                .param("activeItem", ItemStatus.ACTIVE.name())
                .param("now", SqlTime.param(now))
                .update();
        if (restored != expected) {
            throw new ConflictException(
                    "The worker started deleting blocks of this deletion meanwhile; " + "nothing was restored.");
        }
        deletions.markRestored(deletion.id(), now);
        if (announce) {
            outbox.restoredEventsFor(deletion.id(), now);
        }
        return new RestoreResult(deletion.id(), restored, now);
    }

    private void refuseIfStarted(Deletion deletion, Instant now) {
        int gone = count("SELECT count(*) FROM deletion_receipts WHERE deletion_id = :deletion", deletion);
        int claimed = jdbc.sql("SELECT count(*) FROM blocks WHERE deletion_id = :deletion"
                        + " AND deletion_state IN (:claimed, :failed)")
                .param("deletion", deletion.id())
                .param("claimed", BlockState.CLAIMED.name())
                .param("failed", BlockState.FAILED.name())
                .query(Integer.class)
                .single();
        if (gone > 0 || claimed > 0) {
            throw new ConflictException("The external delete has begun (" + claimed + " blocks claimed by the worker, "
                    + gone + " deleted for good); the deletion can no longer be restored.");
        }
        if (!deletion.purgeAfter().isAfter(now)) {
            throw new ConflictException("The grace period of this deletion ended at " + deletion.purgeAfter()
                    + "; it can no longer be" + " restored.");
        }
    }

    private int count(String sql, Deletion deletion) {
        return jdbc.sql(sql)
                .param("deletion", deletion.id())
                .query(Integer.class)
                .single();
    }
}

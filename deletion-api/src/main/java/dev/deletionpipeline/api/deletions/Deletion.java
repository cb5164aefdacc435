package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code deletions}: one deletion request and the blocks it soft-deleted (those carry its id).
 *
 * @param target the block id, calendar id or owner id that was asked for
 * @param requestedBy {@code owner:<id>}, {@code admin:<name>} or {@code service:<name>}
 * @param blockCount how many blocks the deletion soft-deleted
 * @param restoredAt when the deletion was undone; null otherwise
 * @param dueBy when the request must be finished (see {@link DueDates})
 */
public record Deletion(
        UUID id,
        UUID ownerId,
        DeletionKind kind,
        String target,
        String requestedBy,
        Instant requestedAt,
        Instant purgeAfter,
        int blockCount,
        Instant restoredAt,
        Instant dueBy) {

    /** A deletion about to be inserted: no blocks counted yet, not restored. */
    public static Deletion requested(
            UUID id,
            UUID ownerId,
            DeletionKind kind,
            String target,
            String requestedBy,
            Instant at,
            Instant purgeAfter,
            Instant dueBy) {
        return new Deletion(id, ownerId, kind, target, requestedBy, at, purgeAfter, 0, null, dueBy);
    }
}

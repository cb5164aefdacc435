package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import java.util.UUID;

/**
 * Where one block stands with respect to deletion, as a delete request needs to know it.
 *
 * @param deletionId the deletion that last touched the block; null if none
 * @param deletionState null while the block is live, else SOFT_DELETED, CLAIMED, FAILED (or CONFIRMED once the
 *     block is gone and only its receipt is left)
 */
public record BlockDeletionState(
        UUID blockId,
        UUID deletionId,
        String deletionState,
        Instant purgeAfter,
        String calendarId,
        String googleEventId) {

    public boolean live() {
        return deletionState == null;
    }
}

package dev.deletionpipeline.worker.claim;

import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.time.Instant;

/**
 * A block this worker now holds: {@code deletion_state = CLAIMED}, {@code claimed_by = claimToken}. Only the holder
 * of the token may hard-delete or fail it, so an attempt that outlived its lease cannot finish over a newer one.
 *
 * @param googleEventId nullable: null when the block was never synced to Google
 * @param taskAttempts Google attempts of this task, this one included
 * @param blockAttempts Google attempts on the block over all its tasks, this one included
 * @param firstClaimedAt when this task first claimed the block
 */
public record ClaimedBlock(
        DeletionTask task,
        String claimToken,
        String calendarId,
        String googleEventId,
        int taskAttempts,
        int blockAttempts,
        Instant firstClaimedAt) {

    public boolean synced() {
        return googleEventId != null;
    }
}

package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.HardDeleteOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * A dependant removed with its parent: a child without a Google event of its own, or an instance of a series whose
 * Google deletion removed it too.
 *
 * @param googleAnsweredAt nullable: when Google answered for the parent (null if the parent was never synced)
 */
record RemovedDependant(
        UUID blockId,
        UUID parentBlockId,
        UUID deletionId,
        UUID ownerId,
        String calendarId,
        String googleEventId,
        Instant googleAnsweredAt,
        Instant hardDeletedAt) {

    HardDeleteOutcome outcome() {
        return googleEventId == null ? HardDeleteOutcome.NOT_SYNCED : HardDeleteOutcome.ALREADY_GONE;
    }
}

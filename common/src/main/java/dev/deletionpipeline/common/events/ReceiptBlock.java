package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One block of a {@link DeletionCompleted} receipt: identifiers, its outcome and the time of each phase as the database
 * had them when the deletion finished. The confirmation ({@code HardDeleteConfirmed}) is written in the hard delete's
 * transaction, so {@code hardDeletedAt} is also the confirmation's time.
 *
 * @param googleEventId nullable: null when the block was never synced to Google
 * @param googleStatus nullable: Google's HTTP status (204, 404, 410, or the failing one); null when Google was not
 *     called, when the block went with its parent (a dependant), or for a receipt written before it was recorded
 * @param reason nullable: why the deletion failed ({@link ReceiptOutcome#FAILED} only)
 * @param googleAnsweredAt nullable: when Google answered (for a failure: its last answer)
 * @param hardDeletedAt nullable: when the rows left the database (null for FAILED and RESTORED)
 * @param restoredAt nullable: when the deletion was undone ({@link ReceiptOutcome#RESTORED} only)
 */
public record ReceiptBlock(
        UUID blockId,
        String calendarId,
        String googleEventId,
        ReceiptOutcome outcome,
        Integer googleStatus,
        String reason,
        Instant softDeletedAt,
        Instant googleAnsweredAt,
        Instant hardDeletedAt,
        Instant restoredAt) {

    public ReceiptBlock {
        requireNonNull(blockId, "blockId");
        requireNonNull(calendarId, "calendarId");
        requireNonNull(outcome, "outcome");
        requireNonNull(softDeletedAt, "softDeletedAt");
    }
}

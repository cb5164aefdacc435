package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The block and its dependants are gone from our database, after Google answered that the event is gone. Exists if and
 * only if the rows are gone. Topic {@code blocks.hard-delete-confirmed.v1}, key = block id. Fields not marked nullable
 * are required.
 *
 * @param sourceEventId the {@link BlockSoftDeleted} event id that this confirms
 * @param googleEventId nullable: null when the block was never synced to Google (outcome
 *     {@link HardDeleteOutcome#NOT_SYNCED})
 * @param attempts how many Google calls it took
 * @param dependantsRemoved children and recurring instances removed with the block
 * @param claimedAt nullable: when the worker claimed the row; null when a redelivery re-emits the confirmation from its
 *     receipt
 * @param googleAnsweredAt nullable: when Google answered; null when Google was not called (outcome
 *     {@link HardDeleteOutcome#NOT_SYNCED}) or when re-emitted from a receipt
 */
public record HardDeleteConfirmed(
        UUID eventId,
        UUID sourceEventId,
        UUID deletionId,
        UUID blockId,
        UUID ownerId,
        String calendarId,
        String googleEventId,
        HardDeleteOutcome outcome,
        int attempts,
        int dependantsRemoved,
        Instant softDeletedAt,
        Instant claimedAt,
        Instant googleAnsweredAt,
        Instant hardDeletedAt)
        implements IdentifiedEvent {

    public HardDeleteConfirmed {
        requireNonNull(eventId, "eventId");
        requireNonNull(sourceEventId, "sourceEventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(calendarId, "calendarId");
        requireNonNull(outcome, "outcome");
        requireNonNull(softDeletedAt, "softDeletedAt");
        requireNonNull(hardDeletedAt, "hardDeletedAt");
    }
}

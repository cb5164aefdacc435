package dev.deletionpipeline.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The block and its dependants are gone from our database, after Google answered that the event is gone. Exists if and
 * only if the rows are gone. Topic {@code blocks.hard-delete-confirmed.v1}, key = block id.
 *
 * @param sourceEventId the {@link BlockSoftDeleted} event id that this confirms
 * @param attempts how many Google calls it took
 * @param dependantsRemoved children and recurring instances removed with the block
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
        Instant hardDeletedAt) {}

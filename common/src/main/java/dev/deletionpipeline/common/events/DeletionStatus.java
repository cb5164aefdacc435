package dev.deletionpipeline.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The current state of one block's deletion. Topic {@code deletion.status.v1} (compacted), key = block id.
 *
 * @param reason why it failed or was orphaned; null otherwise
 * @param lastEventId the event that caused this state
 * @param redriveAttempts how often the reconciler re-drove it
 */
public record DeletionStatus(
        UUID blockId,
        UUID deletionId,
        UUID ownerId,
        DeletionState state,
        String reason,
        Instant softDeletedAt,
        Instant purgeAfter,
        Instant confirmedAt,
        Instant updatedAt,
        UUID lastEventId,
        int redriveAttempts) {}

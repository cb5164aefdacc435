package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The current state of one block's deletion. Topic {@code deletion.status.v1} (compacted), key = block id. A state,
 * not an occurrence, so it has no event id of its own. Fields not marked nullable are required.
 *
 * @param reason nullable: why it failed or was orphaned; null otherwise
 * @param purgeAfter nullable: the end of the grace period, when known (a confirmation seen before its soft delete does
 *     not tell it)
 * @param confirmedAt nullable: when the hard delete was confirmed; null until then
 * @param lastEventId the event that caused this state
 * @param redriveAttempts how often the reconciler re-drove it
 * @param estimatedFinish nullable: while {@link DeletionState#WAITING_FOR_QUOTA}, when the worker expects to be done
 *     (its {@link QuotaWaitEstimated}); the deadline is this plus the reconciler's allowance. Null otherwise
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
        int redriveAttempts,
        Instant estimatedFinish) {

    public DeletionStatus {
        requireNonNull(blockId, "blockId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(state, "state");
        requireNonNull(softDeletedAt, "softDeletedAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(lastEventId, "lastEventId");
    }
}

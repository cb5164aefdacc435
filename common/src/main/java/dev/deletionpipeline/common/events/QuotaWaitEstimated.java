package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The worker's estimate of when a deletion that waits for its owner's Google quota will be done. Topic
 * {@code deletion.quota-waits.v1} (compacted), key = deletion id; a tombstone once the deletion waits no more. Advisory,
 * not a lifecycle fact: the reconciler counts the deletion's deadline from {@code estimatedFinish} when that is later
 * than from {@code purgeAfter}. Published only when the estimate moves materially. All fields are required.
 *
 * @param eventId derived from {@code deletionId} and {@code estimatedFinish}, so that the same estimate published again
 *     (a restart, a second worker instance) has the same id
 * @param blocksWaiting the deletion's blocks synced to Google and not yet deleted there when the estimate was made
 * @param estimatedFinish when the owner's quota will have let all of them through, at the worker's per-owner rate
 * @param estimatedAt when the estimate was made
 */
public record QuotaWaitEstimated(
        UUID eventId, UUID deletionId, UUID ownerId, int blocksWaiting, Instant estimatedFinish, Instant estimatedAt)
        implements IdentifiedEvent {

    public QuotaWaitEstimated {
        requireNonNull(eventId, "eventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(estimatedFinish, "estimatedFinish");
        requireNonNull(estimatedAt, "estimatedAt");
        if (blocksWaiting < 0) {
            throw new IllegalArgumentException("blocksWaiting must not be negative: " + blocksWaiting);
        }
    }
}

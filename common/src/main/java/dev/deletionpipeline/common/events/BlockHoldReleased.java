package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The last legal hold on a soft-deleted block was released (or ended): its deletion resumes now, and its deadline
 * counts from {@code releasedAt}. Written to the outbox by the release and relayed to {@code blocks.lifecycle.v1}, key
 * = block id. Every field is required.
 *
 * @param deletionId the deletion that resumes
 * @param holdId the hold whose release freed the block
 */
public record BlockHoldReleased(
        UUID eventId, UUID deletionId, UUID blockId, UUID ownerId, UUID holdId, Instant releasedAt)
        implements LifecycleEvent {

    public BlockHoldReleased {
        requireNonNull(eventId, "eventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(holdId, "holdId");
        requireNonNull(releasedAt, "releasedAt");
    }
}

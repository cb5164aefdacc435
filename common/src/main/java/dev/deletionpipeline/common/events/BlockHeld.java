package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A soft-deleted block came under a legal hold: until a {@link BlockHoldReleased} it is not claimed, not deleted in
 * Google, not hard-deleted, and its deletion has no deadline. Written to the outbox (by the hold's placement, or by a
 * soft delete of a block already covered by a hold) and relayed to {@code blocks.lifecycle.v1}, key = block id, after
 * the block's {@code BlockSoftDeleted}. Every field is required.
 *
 * @param deletionId the deletion that waits
 * @param holdId the hold that covers the block
 */
public record BlockHeld(UUID eventId, UUID deletionId, UUID blockId, UUID ownerId, UUID holdId, Instant heldAt)
        implements LifecycleEvent {

    public BlockHeld {
        requireNonNull(eventId, "eventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(holdId, "holdId");
        requireNonNull(heldAt, "heldAt");
    }
}

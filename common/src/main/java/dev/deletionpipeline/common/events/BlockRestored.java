package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A soft-deleted block was brought back within its grace period; its deletion is over. Written to the outbox in the
 * restore's transaction and relayed to {@code blocks.lifecycle.v1}, key = block id. Every field is required.
 *
 * @param deletionId the deletion that the restore undid
 */
public record BlockRestored(UUID eventId, UUID deletionId, UUID blockId, UUID ownerId, Instant restoredAt)
        implements LifecycleEvent {

    public BlockRestored {
        requireNonNull(eventId, "eventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(restoredAt, "restoredAt");
    }
}

package dev.deletionpipeline.common.events;

import java.time.Instant;
import java.util.UUID;

/** A soft-deleted block was brought back within its grace period; its deletion is over. Key = block id. */
public record BlockRestored(UUID eventId, UUID deletionId, UUID blockId, UUID ownerId, Instant restoredAt)
        implements LifecycleEvent {}

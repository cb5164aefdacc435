package dev.deletionpipeline.common.events;

import java.time.Instant;
import java.util.UUID;

/** Something asked to be deleted was not finished. Topic {@code deletion.orphans.v1}, key = block id. */
public record OrphanDetected(
        UUID eventId,
        UUID blockId,
        UUID deletionId,
        UUID ownerId,
        OrphanType type,
        OrphanAction action,
        String reason,
        Instant detectedAt) {}

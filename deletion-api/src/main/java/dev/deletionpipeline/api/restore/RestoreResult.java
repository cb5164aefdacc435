package dev.deletionpipeline.api.restore;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a restore (200).
 *
 * @param deletionId the deletion that was undone
 * @param blocks how many blocks came back
 */
public record RestoreResult(UUID deletionId, int blocks, Instant restoredAt) {}

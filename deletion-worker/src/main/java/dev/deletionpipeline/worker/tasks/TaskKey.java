package dev.deletionpipeline.worker.tasks;

import java.util.UUID;

/**
 * Names one task exactly: updates and removals match both, so that work finishing late for an older event of a block
 * never touches the task of a newer one.
 */
public record TaskKey(UUID blockId, UUID sourceEventId) {}

package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a delete request (202): which deletion covers the target, where it stands, when the worker may start.
 *
 * @param state SOFT_DELETED for a new deletion; for a repeated request the current state of the block
 * @param blocks how many blocks the deletion soft-deleted
 * @param dueBy when the deletion request must be finished (the legal clock)
 */
public record DeletionAccepted(UUID deletionId, String state, Instant purgeAfter, int blocks, Instant dueBy) {}

package dev.deletionpipeline.worker.claim;

import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.time.Instant;

/**
 * A task whose block could not be claimed, and why.
 *
 * @param retryAt nullable: when to look again, for {@link UnclaimedFate#WAIT}
 */
public record Unclaimed(DeletionTask task, UnclaimedFate fate, Instant retryAt) {}

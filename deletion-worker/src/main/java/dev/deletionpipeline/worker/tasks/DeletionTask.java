package dev.deletionpipeline.worker.tasks;

import java.time.Instant;
import java.util.UUID;

/**
 * A deletion the worker has taken in and not finished: one row of {@code deletion_tasks}, without the kept Kafka
 * record, which only a dead letter needs ({@link TaskStore#keptRecords}).
 *
 * @param googleEventId nullable: the Google event id the soft delete reported (null: never synced); the claimed row's
 *     value is the one the deletion uses
 * @param dueAt when it may next be worked on: the end of the grace period, a retry time, or the end of the lease of
 *     the attempt in flight
 * @param attempts Google attempts so far (a redrive starts again at 0)
 * @param firstClaimedAt nullable: when the worker first claimed the row for this task
 * @param lastHttpStatus nullable: the last HTTP status Google answered with a failure (0 = no answer)
 */
public record DeletionTask(
        UUID blockId,
        UUID sourceEventId,
        UUID deletionId,
        UUID ownerId,
        String calendarId,
        String googleEventId,
        Instant softDeletedAt,
        Instant purgeAfter,
        Instant dueAt,
        int attempts,
        Instant firstClaimedAt,
        Instant firstFailureAt,
        Instant lastFailureAt,
        Integer lastHttpStatus,
        String lastReason,
        String lastDetail) {

    /** The task's identity: a block's task is replaced when a newer deletion of the block comes in. */
    public TaskStore.TaskKey key() {
        return new TaskStore.TaskKey(blockId, sourceEventId);
    }
}

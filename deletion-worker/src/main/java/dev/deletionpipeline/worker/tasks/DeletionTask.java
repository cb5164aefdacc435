package dev.deletionpipeline.worker.tasks;

import java.time.Instant;
import java.util.UUID;

/**
 * A deletion the worker has taken in and not finished: of a row of {@code deletion_tasks}, what a round works with
 * (not the kept Kafka record, which only a dead letter needs: {@link TaskStore#keptRecords}).
 *
 * @param googleEventId nullable: the Google event id the soft delete reported (null: never synced); the claimed row's
 *     value is the one the deletion uses
 * @param firstFailureAt nullable: when the first Google attempt of this task failed
 */
public record DeletionTask(
        UUID blockId,
        UUID sourceEventId,
        UUID deletionId,
        UUID ownerId,
        String calendarId,
        String googleEventId,
        Instant softDeletedAt,
        Instant firstFailureAt) {

    /** The task's identity: a block's task is replaced when a newer deletion of the block comes in. */
    public TaskStore.TaskKey key() {
        return new TaskStore.TaskKey(blockId, sourceEventId);
    }
}

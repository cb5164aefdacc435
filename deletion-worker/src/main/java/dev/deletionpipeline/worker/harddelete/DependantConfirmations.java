package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms dependants that left with their parent: at once when their own task was already taken in, or later, when
 * it arrives, from their {@code removed_dependants} row. Either way under the id derived from their own event.
 */
@Component
public class DependantConfirmations {

    private final TransactionTemplate transaction;
    private final RemovedDependantStore removedDependants;
    private final ConfirmationWriter confirmations;
    private final TaskStore tasks;
    private final DeletionReceipts receipts;

    DependantConfirmations(
            TransactionTemplate transaction,
            RemovedDependantStore removedDependants,
            ConfirmationWriter confirmations,
            TaskStore tasks,
            DeletionReceipts receipts) {
        this.transaction = transaction;
        this.removedDependants = removedDependants;
        this.confirmations = confirmations;
        this.tasks = tasks;
        this.receipts = receipts;
    }

    /** Writes the confirmations of tasks whose blocks were removed with their parent before the task came in. */
    public void confirmLate(List<DeletionTask> lateTasks) {
        if (lateTasks.isEmpty()) {
            return;
        }
        Map<UUID, DeletionTask> byBlock =
                lateTasks.stream().collect(Collectors.toMap(DeletionTask::blockId, Function.identity()));
        transaction.executeWithoutResult(status -> {
            List<RemovedDependant> removed = removedDependants.take(List.copyOf(byBlock.keySet()));
            confirmations.write(removed.stream()
                    .map(r -> of(
                            r,
                            byBlock.get(r.blockId()).sourceEventId(),
                            byBlock.get(r.blockId()).softDeletedAt()))
                    .toList());
            tasks.remove(lateTasks.stream().map(DeletionTask::key).toList());
            receipts.completeFinished(
                    removed.stream().map(RemovedDependant::deletionId).toList());
        });
    }

    static HardDeleteConfirmed of(RemovedDependant dependant, UUID sourceEventId, Instant softDeletedAt) {
        return new HardDeleteConfirmed(
                Confirmations.idFor(sourceEventId),
                sourceEventId,
                dependant.deletionId(),
                dependant.blockId(),
                dependant.ownerId(),
                dependant.calendarId(),
                dependant.googleEventId(),
                dependant.outcome(),
                0,
                0,
                softDeletedAt,
                null,
                dependant.googleAnsweredAt(),
                dependant.hardDeletedAt());
    }
}

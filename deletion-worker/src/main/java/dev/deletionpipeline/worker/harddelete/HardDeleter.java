package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.harddelete.HardDeleteStore.Parent;
import dev.deletionpipeline.worker.harddelete.HardDeleteStore.RemovedDependant;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.DependantTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Phase 2's last step, for a batch of blocks whose Google events are gone: in ONE transaction, delete the blocks (only
 * while our claim holds them), their dependants, their tasks, and write a receipt and an outbox confirmation for each
 * block removed. So a confirmation exists if and only if the rows are gone, and a crash before the commit leaves
 * everything to be redone, with the same confirmation id. A deletion whose last blocks these were gets its receipt in
 * the same transaction.
 */
@Component
public class HardDeleter {

    /**
     * A claimed block whose Google event is gone (or never existed): it may now leave the database.
     *
     * @param googleAnsweredAt nullable: null for {@link HardDeleteOutcome#NOT_SYNCED}
     * @param googleStatus nullable: Google's HTTP status (204, 404, 410); null for {@link HardDeleteOutcome#NOT_SYNCED}
     */
    public record Succeeded(
            ClaimedBlock claim, HardDeleteOutcome outcome, Instant googleAnsweredAt, Integer googleStatus) {}

    private final TransactionTemplate transaction;
    private final HardDeleteStore store;
    private final TaskStore tasks;
    private final DeletionReceipts receipts;
    private final Clock clock;

    HardDeleter(
            TransactionTemplate transaction,
            HardDeleteStore store,
            TaskStore tasks,
            DeletionReceipts receipts,
            Clock clock) {
        this.transaction = transaction;
        this.store = store;
        this.tasks = tasks;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** @return the confirmations written (none for a block whose claim had been taken over) */
    public List<HardDeleteConfirmed> hardDelete(List<Succeeded> succeeded) {
        if (succeeded.isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> removeAndConfirm(succeeded, clock.instant()));
    }

    private List<HardDeleteConfirmed> removeAndConfirm(List<Succeeded> succeeded, Instant now) {
        Set<UUID> removed = new HashSet<>(store.deleteClaimed(
                succeeded.stream().map(s -> s.claim().task().blockId()).toList(),
                succeeded.stream().map(s -> s.claim().claimToken()).toList()));
        List<Succeeded> mine = succeeded.stream()
                .filter(s -> removed.contains(s.claim().task().blockId()))
                .toList();
        List<RemovedDependant> dependants = store.deleteDependants(parents(mine), now);
        Map<UUID, Long> dependantCounts = dependants.stream()
                .collect(Collectors.groupingBy(RemovedDependant::parentBlockId, Collectors.counting()));
        Map<UUID, DependantTask> dependantTasks = tasks.removeOfBlocks(
                dependants.stream().map(RemovedDependant::blockId).toList());
        List<HardDeleteConfirmed> written = new ArrayList<>();
        mine.forEach(s -> written.add(
                confirmation(s, dependantCounts.getOrDefault(s.claim().task().blockId(), 0L), now)));
        List<RemovedDependant> waitingForTheirTask = new ArrayList<>();
        for (RemovedDependant dependant : dependants) {
            DependantTask task = dependantTasks.get(dependant.blockId());
            if (task == null) {
                waitingForTheirTask.add(dependant);
            } else {
                written.add(dependant.confirmation(task.sourceEventId(), task.softDeletedAt()));
            }
        }
        store.writeConfirmations(written, googleStatuses(mine));
        store.keepDependants(waitingForTheirTask);
        tasks.remove(mine.stream().map(s -> s.claim().task().key()).toList());
        Set<UUID> deletions = new HashSet<>();
        written.forEach(c -> deletions.add(c.deletionId()));
        waitingForTheirTask.forEach(d -> deletions.add(d.deletionId()));
        receipts.completeFinished(deletions);
        return written;
    }

    /**
     * Writes the confirmations of tasks whose blocks were removed with their parent before the task came in, from
     * their row of {@code removed_dependants}, under the id derived from their own event.
     */
    public void confirmLate(List<DeletionTask> lateTasks) {
        if (lateTasks.isEmpty()) {
            return;
        }
        Map<UUID, DeletionTask> byBlock =
                lateTasks.stream().collect(Collectors.toMap(DeletionTask::blockId, Function.identity()));
        transaction.executeWithoutResult(status -> {
            List<RemovedDependant> removed = store.takeDependants(List.copyOf(byBlock.keySet()));
            store.writeConfirmations(
                    removed.stream()
                            .map(r -> r.confirmation(
                                    byBlock.get(r.blockId()).sourceEventId(),
                                    byBlock.get(r.blockId()).softDeletedAt()))
                            .toList(),
                    Map.of());
            tasks.remove(lateTasks.stream().map(DeletionTask::key).toList());
            receipts.completeFinished(
                    removed.stream().map(RemovedDependant::deletionId).toList());
        });
    }

    private static Map<UUID, Integer> googleStatuses(List<Succeeded> mine) {
        Map<UUID, Integer> statuses = new HashMap<>();
        mine.stream()
                .filter(s -> s.googleStatus() != null)
                .forEach(s -> statuses.put(s.claim().task().blockId(), s.googleStatus()));
        return statuses;
    }

    private static List<Parent> parents(List<Succeeded> mine) {
        return mine.stream()
                .map(s -> new Parent(
                        s.claim().task().blockId(),
                        s.claim().task().ownerId(),
                        s.outcome() == HardDeleteOutcome.NOT_SYNCED
                                ? null
                                : s.claim().googleEventId(),
                        s.googleAnsweredAt()))
                .toList();
    }

    private static HardDeleteConfirmed confirmation(Succeeded s, long dependantsRemoved, Instant now) {
        ClaimedBlock claim = s.claim();
        DeletionTask task = claim.task();
        return new HardDeleteConfirmed(
                confirmationIdFor(task.sourceEventId()),
                task.sourceEventId(),
                task.deletionId(),
                task.blockId(),
                task.ownerId(),
                claim.calendarId(),
                claim.googleEventId(),
                s.outcome(),
                claim.taskAttempts(),
                (int) dependantsRemoved,
                task.softDeletedAt(),
                claim.firstClaimedAt(),
                s.googleAnsweredAt(),
                now);
    }

    /**
     * The id of the confirmation of a soft delete, derived from the soft delete's event id: however often the work is
     * redone, one {@code BlockSoftDeleted} can only ever be confirmed under one id.
     */
    public static UUID confirmationIdFor(UUID sourceEventId) {
        return UUID.nameUUIDFromBytes(("HardDeleteConfirmed:" + sourceEventId).getBytes(StandardCharsets.UTF_8));
    }
}

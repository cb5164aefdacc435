package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.claim.UnclaimedExplainer;
import dev.deletionpipeline.worker.claim.UnclaimedExplainer.Unclaimed;
import dev.deletionpipeline.worker.claim.UnclaimedExplainer.UnclaimedFate;
import dev.deletionpipeline.worker.dispatch.DuePoller.DispatchSettings;
import dev.deletionpipeline.worker.harddelete.HardDeleter;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.Reschedule;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Settles the tasks of a round whose blocks could not be claimed, cleanly: restored, re-deleted, dead-lettered or
 * already confirmed ones end, dependants removed earlier get their own confirmation, and the not-yet-due and the held
 * wait.
 */
@Component
class UnclaimedTasks {

    private final UnclaimedExplainer explainer;
    private final TaskStore tasks;
    private final HardDeleter hardDeleter;
    private final DispatchSettings settings;

    UnclaimedTasks(UnclaimedExplainer explainer, TaskStore tasks, HardDeleter hardDeleter, DispatchSettings settings) {
        this.explainer = explainer;
        this.tasks = tasks;
        this.hardDeleter = hardDeleter;
        this.settings = settings;
    }

    void settle(List<DeletionTask> admitted, List<ClaimedBlock> claimed, Instant now) {
        Set<UUID> claimedIds = claimed.stream().map(c -> c.task().blockId()).collect(Collectors.toSet());
        List<DeletionTask> notClaimed =
                admitted.stream().filter(t -> !claimedIds.contains(t.blockId())).toList();
        List<Unclaimed> explained = explainer.explain(notClaimed, now, settings.heldRecheck());
        tasks.remove(explained.stream()
                .filter(u -> u.fate() == UnclaimedFate.ALREADY_CONFIRMED || u.fate() == UnclaimedFate.DROP)
                .map(u -> u.task().key())
                .toList());
        tasks.reschedule(explained.stream()
                .filter(u -> u.fate() == UnclaimedFate.WAIT || u.fate() == UnclaimedFate.HELD)
                .map(u -> new Reschedule(u.task().key(), u.retryAt()))
                .toList());
        hardDeleter.confirmLate(explained.stream()
                .filter(u -> u.fate() == UnclaimedFate.REMOVED_AS_DEPENDANT)
                .map(Unclaimed::task)
                .toList());
    }
}

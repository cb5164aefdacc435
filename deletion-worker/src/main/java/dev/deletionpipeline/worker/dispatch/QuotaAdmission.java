package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.worker.quotawait.QuotaWaitEstimates;
import dev.deletionpipeline.worker.ratelimit.QuotaGate;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.Grant;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.Reschedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Lets a round's picked tasks through the quotas before anything is claimed: what has no permit now is rescheduled in
 * {@code deletion_tasks} to its expected turn, so a rate limit never holds a claim (which would block a restore) or a
 * thread.
 */
@Component
class QuotaAdmission {

    private final QuotaGate quotas;
    private final TaskStore tasks;
    private final QuotaWaitEstimates waits;

    QuotaAdmission(QuotaGate quotas, TaskStore tasks, QuotaWaitEstimates waits) {
        this.quotas = quotas;
        this.tasks = tasks;
        this.waits = waits;
    }

    /** Tasks never synced to Google need no permit; the others wait for one, each deferred to its expected turn. */
    List<DeletionTask> admit(List<DeletionTask> picked, Instant now) {
        Map<UUID, List<DeletionTask>> syncedByOwner = new LinkedHashMap<>();
        List<DeletionTask> admitted = new ArrayList<>();
        for (DeletionTask task : picked) {
            if (task.googleEventId() == null) {
                admitted.add(task);
            } else {
                syncedByOwner
                        .computeIfAbsent(task.ownerId(), o -> new ArrayList<>())
                        .add(task);
            }
        }
        Map<UUID, Integer> wanted = new LinkedHashMap<>();
        syncedByOwner.forEach((owner, ownerTasks) -> wanted.put(owner, ownerTasks.size()));
        Map<UUID, Grant> grants = quotas.admitRound(wanted, now);
        List<Reschedule> deferred = new ArrayList<>();
        syncedByOwner.forEach((owner, ownerTasks) -> {
            Grant grant = grants.get(owner);
            admitted.addAll(ownerTasks.subList(0, grant.granted()));
            if (grant.granted() < ownerTasks.size()) {
                waits.ownerDeferred(owner);
            }
            for (int i = grant.granted(); i < ownerTasks.size(); i++) {
                deferred.add(new Reschedule(
                        ownerTasks.get(i).key(), grant.deferredUntil().get(i - grant.granted())));
            }
        });
        tasks.reschedule(deferred);
        return admitted;
    }
}

package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.calendar.GoogleCalendarDeleter;
import dev.deletionpipeline.worker.calendar.GoogleCalendarDeleter.GoogleDeletion;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.claim.BlockStates.Claim;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimExpiry;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.claim.BlockStates.Unclaimed;
import dev.deletionpipeline.worker.dispatch.DuePoller.DispatchSettings;
import dev.deletionpipeline.worker.failure.FailureHandler;
import dev.deletionpipeline.worker.failure.FailureHandler.Failed;
import dev.deletionpipeline.worker.harddelete.HardDeleter;
import dev.deletionpipeline.worker.harddelete.HardDeleter.Succeeded;
import dev.deletionpipeline.worker.quotawait.QuotaWaitEstimates;
import dev.deletionpipeline.worker.ratelimit.QuotaGate;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.Grant;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.PickBudget;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.PickLimits;
import dev.deletionpipeline.worker.tasks.TaskStore.Reschedule;
import dev.deletionpipeline.worker.tasks.TaskStore.TaskKey;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * One round of phase 2 over a set of due tasks, in the order the one rule demands: pick (fair across owners, of the
 * lifecycle partitions this instance holds) → admit within the quotas → claim (committed) → Google → hard delete with
 * confirmation (one transaction) → retries and dead letters. Each step is set-based over the round, so a bulk purge
 * costs a few statements and few HTTP requests. The pick takes only what the quotas can admit now (none of an owner
 * without permits, no more synced tasks than the project's permits), so a task waiting for quota stays due and untouched
 * instead of being deferred and picked again; what the quota still does not admit (another round took the permits
 * meanwhile) is rescheduled to its expected turn before anything is claimed, so a rate limit never holds a claim (which
 * would block a restore) or a thread.
 */
@Component
class DeletionRound {

    /** {@code deletion.worker.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker")
    record WorkerSettings(@NotNull String instanceId) {}

    private final TaskStore tasks;
    private final QuotaGate quotas;
    private final QuotaWaitEstimates waits;
    private final BlockStates claims;
    private final GoogleCalendarDeleter google;
    private final HardDeleter hardDeleter;
    private final FailureHandler failures;
    private final ObjectProvider<RoundObserver> observers;
    private final DispatchSettings settings;
    // the name this instance writes into blocks.claimed_by, so an operator can see who holds a claim
    private final String instanceId;
    private final Clock clock;
    private final Object picking = new Object();

    DeletionRound(
            TaskStore tasks,
            QuotaGate quotas,
            QuotaWaitEstimates waits,
            BlockStates claims,
            GoogleCalendarDeleter google,
            HardDeleter hardDeleter,
            FailureHandler failures,
            ObjectProvider<RoundObserver> observers,
            DispatchSettings settings,
            WorkerSettings worker,
            Clock clock) {
        this.tasks = tasks;
        this.quotas = quotas;
        this.waits = waits;
        this.claims = claims;
        this.google = google;
        this.hardDeleter = hardDeleter;
        this.failures = failures;
        this.observers = observers;
        this.settings = settings;
        this.instanceId = worker.instanceId().isBlank()
                ? hostName() + "-" + UUID.randomUUID().toString().substring(0, 8)
                : worker.instanceId();
        this.clock = clock;
    }

    /**
     * How a round went: how many tasks it picked, and whether the quotas held due work back ({@code quotaRest}: when
     * the next permit comes), so that a round that picked nothing waits for that permit rather than for new work.
     */
    record Outcome(int picked, Optional<Duration> quotaRest) {}

    /** @param keepGoing false once shutdown began: claims made by then are handed back instead of worked on */
    Outcome run(BooleanSupplier keepGoing) {
        Instant now;
        Instant leaseUntil;
        PickBudget budget;
        List<DeletionTask> picked;
        Admission admission;
        // One pick at a time in this instance: picks running side by side would reach for the same due tasks, and SKIP
        // LOCKED would leave all but one with an empty or partial round. The permits are taken before the next pick
        // asks how many are left, or it would pick the same permits' worth again and have to defer it.
        synchronized (picking) {
            now = clock.instant();
            leaseUntil = now.plus(settings.claimLease());
            budget = quotas.pickBudget(now);
            picked = tasks.pickDue(
                    now,
                    leaseUntil,
                    new PickLimits(
                            settings.roundSize(),
                            Math.min(settings.perOwnerRoundSize(), budget.perOwner()),
                            budget.calls(),
                            budget.resting()));
            admission = admit(picked, now);
        }
        tasks.reschedule(admission.deferred());
        heldBack(budget);
        Optional<Duration> quotaRest = budget.holdsBack() ? Optional.of(budget.nextPermitIn()) : Optional.empty();
        if (picked.isEmpty()) {
            return new Outcome(0, quotaRest);
        }
        String claimToken = instanceId + "/" + UUID.randomUUID();
        Claim claim = claims.claim(admission.admitted(), claimToken, now, leaseUntil, settings.heldRecheck());
        settle(claim.unclaimed());
        if (keepGoing.getAsBoolean()) {
            work(claim.claimed());
        } else {
            handBack(claim.claimed());
        }
        return new Outcome(picked.size(), quotaRest);
    }

    /** Owners the quotas kept out of the pick wait for quota as much as deferred ones: their queues get an estimate. */
    private void heldBack(PickBudget budget) {
        budget.resting().forEach(waits::ownerDeferred);
        if (budget.calls() == 0) {
            waits.projectHeldBack();
        }
    }

    private record Admission(List<DeletionTask> admitted, List<Reschedule> deferred) {}

    /** Tasks never synced to Google need no permit; the others wait for one, each deferred to its expected turn. */
    private Admission admit(List<DeletionTask> picked, Instant now) {
        List<DeletionTask> admitted = new ArrayList<>(
                picked.stream().filter(t -> t.googleEventId() == null).toList());
        Map<UUID, List<DeletionTask>> syncedByOwner = picked.stream()
                .filter(t -> t.googleEventId() != null)
                .collect(Collectors.groupingBy(DeletionTask::ownerId, LinkedHashMap::new, Collectors.toList()));
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
        return new Admission(admitted, deferred);
    }

    /**
     * The tasks whose blocks could not be claimed: restored, re-deleted, dead-lettered or already confirmed ones end,
     * dependants removed earlier get their own confirmation, and the not-yet-due and the held wait.
     */
    private void settle(List<Unclaimed> unclaimed) {
        List<TaskKey> over = new ArrayList<>();
        List<Reschedule> later = new ArrayList<>();
        List<DeletionTask> removedAsDependants = new ArrayList<>();
        for (Unclaimed task : unclaimed) {
            switch (task.fate()) {
                case ALREADY_CONFIRMED, DROP -> over.add(task.task().key());
                case WAIT, HELD -> later.add(new Reschedule(task.task().key(), task.retryAt()));
                case REMOVED_AS_DEPENDANT -> removedAsDependants.add(task.task());
            }
        }
        tasks.remove(over);
        tasks.reschedule(later);
        // most rounds have none: no transaction for them
        if (!removedAsDependants.isEmpty()) {
            hardDeleter.confirmLate(removedAsDependants);
        }
    }

    private void work(List<ClaimedBlock> claimed) {
        Map<UUID, List<GoogleDeletion>> byOwner = new LinkedHashMap<>();
        claimed.stream()
                .filter(ClaimedBlock::synced)
                .forEach(c -> byOwner.computeIfAbsent(c.task().ownerId(), o -> new ArrayList<>())
                        .add(new GoogleDeletion(c.task().blockId(), c.calendarId(), c.googleEventId())));
        Map<UUID, GoogleAnswer> answers = byOwner.isEmpty() ? Map.of() : google.deleteAll(byOwner);
        observers.orderedStream().forEach(o -> o.googleAnswered(claimed, answers));
        List<Succeeded> succeeded = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        for (ClaimedBlock claim : claimed) {
            if (!claim.synced()) {
                succeeded.add(new Succeeded(claim, HardDeleteOutcome.NOT_SYNCED, null, null));
                continue;
            }
            GoogleAnswer answer = answers.get(claim.task().blockId());
            feedBack(claim.task().ownerId(), answer);
            if (answer.gone()) {
                succeeded.add(new Succeeded(claim, outcomeOf(answer), answer.answeredAt(), answer.httpStatus()));
            } else {
                failed.add(new Failed(claim, answer));
            }
        }
        hardDeleter.hardDelete(succeeded);
        failures.handle(failed, clock.instant());
    }

    private void feedBack(UUID owner, GoogleAnswer answer) {
        if (answer.verdict() == Verdict.RATE_LIMITED) {
            quotas.rateLimited(owner, answer.retryAfter(), answer.answeredAt());
        } else if (answer.gone()) {
            quotas.succeeded(owner);
        }
    }

    private static HardDeleteOutcome outcomeOf(GoogleAnswer answer) {
        return answer.verdict() == Verdict.DELETED ? HardDeleteOutcome.DELETED : HardDeleteOutcome.ALREADY_GONE;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }

    /** Shutdown: nothing was sent to Google for these claims; let them lapse now and make their tasks due now. */
    private void handBack(List<ClaimedBlock> claimed) {
        Instant now = clock.instant();
        claims.expireClaims(claimed.stream()
                .map(c -> new ClaimExpiry(c.task().blockId(), c.claimToken(), now))
                .toList());
        tasks.reschedule(
                claimed.stream().map(c -> new Reschedule(c.task().key(), now)).toList());
    }
}

package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.worker.WorkerIdentity;
import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.calendar.GoogleCalendarDeleter;
import dev.deletionpipeline.worker.calendar.GoogleCalendarDeleter.GoogleDeletion;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimExpiry;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.dispatch.DuePoller.DispatchSettings;
import dev.deletionpipeline.worker.failure.FailureHandler;
import dev.deletionpipeline.worker.failure.FailureHandler.Failed;
import dev.deletionpipeline.worker.harddelete.HardDeleter;
import dev.deletionpipeline.worker.harddelete.HardDeleter.Succeeded;
import dev.deletionpipeline.worker.ratelimit.QuotaGate;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.Reschedule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One round of phase 2 over a set of due tasks, in the order the one rule demands: pick (fair across owners, of the
 * lifecycle partitions this instance holds) → admit
 * within the quotas → claim (committed) → Google → hard delete with confirmation (one transaction) → retries and dead
 * letters. Each step is set-based over the round, so a bulk purge costs a few statements and few HTTP requests.
 */
@Component
class DeletionRound {

    private final TaskStore tasks;
    private final QuotaGate quotas;
    private final QuotaAdmission admission;
    private final BlockStates claims;
    private final UnclaimedTasks unclaimed;
    private final GoogleCalendarDeleter google;
    private final HardDeleter hardDeleter;
    private final FailureHandler failures;
    private final ObjectProvider<RoundObserver> observers;
    private final DispatchSettings settings;
    private final WorkerIdentity identity;
    private final Clock clock;
    private final Object picking = new Object();

    DeletionRound(
            TaskStore tasks,
            QuotaGate quotas,
            QuotaAdmission admission,
            BlockStates claims,
            UnclaimedTasks unclaimed,
            GoogleCalendarDeleter google,
            HardDeleter hardDeleter,
            FailureHandler failures,
            ObjectProvider<RoundObserver> observers,
            DispatchSettings settings,
            WorkerIdentity identity,
            Clock clock) {
        this.tasks = tasks;
        this.quotas = quotas;
        this.admission = admission;
        this.claims = claims;
        this.unclaimed = unclaimed;
        this.google = google;
        this.hardDeleter = hardDeleter;
        this.failures = failures;
        this.observers = observers;
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * @param keepGoing false once shutdown began: claims made by then are handed back instead of worked on
     * @return how many tasks were picked (0: nothing was due)
     */
    int run(BooleanSupplier keepGoing) {
        Instant now;
        Instant leaseUntil;
        List<DeletionTask> picked;
        // One pick at a time in this instance: picks running side by side would reach for the same due tasks, and SKIP
        // LOCKED would leave all but one with an empty or partial round.
        synchronized (picking) {
            now = clock.instant();
            leaseUntil = now.plus(settings.claimLease());
            picked = tasks.pickDue(now, leaseUntil, settings.roundSize(), settings.perOwnerRoundSize());
        }
        if (picked.isEmpty()) {
            return 0;
        }
        List<DeletionTask> admitted = admission.admit(picked, now);
        String claimToken = identity.instanceId() + "/" + UUID.randomUUID();
        List<ClaimedBlock> claimed = claims.claim(admitted, claimToken, now, leaseUntil);
        unclaimed.settle(admitted, claimed, now);
        if (keepGoing.getAsBoolean()) {
            work(claimed);
        } else {
            handBack(claimed);
        }
        return picked.size();
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

package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.common.events.DeletionState.ORPHANED;
import static dev.deletionpipeline.common.events.DeletionState.SOFT_DELETED;
import static dev.deletionpipeline.common.events.DeletionState.WAITING_FOR_QUOTA;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import dev.deletionpipeline.common.events.RedriveRequested;
import java.time.Instant;

/**
 * What happens to a deletion still unconfirmed at its deadline: waiting for quota while the worker's estimate says so,
 * else re-driven while attempts are left, else orphaned.
 *
 * <p>A deletion whose owner's Google quota lets its blocks through only later is not late: when the worker's latest
 * {@link QuotaWaitEstimated} for the deletion plus the deadline allowance is still ahead, the deletion becomes
 * {@code WAITING_FOR_QUOTA} with its deadline at that time instead. Without an estimate (none published, or the wait
 * is over and its tombstone removed it) nothing changes: a stopped worker publishes none, so its deletions are
 * orphaned on time; one that stops while a wait is published is found at the last estimate plus the allowance.
 *
 * <p>A re-drive is only asked for: a {@link RedriveRequested} on {@code deletion.redrive-requests.v1}, whose id is
 * derived from the original {@link BlockSoftDeleted} and the attempt, so that reprocessing asks under the same id. Every
 * lifecycle event comes from the outbox, and Kafka Streams does not write the database (exactly-once covers Kafka only),
 * so the reconciler's {@code redrive} package turns the request into the outbox row; the worker then gets a
 * {@code BlockSoftDeleted} with that id and {@code redriveOf} = the original's id, and its claim keeps a deletion that
 * did finish meanwhile from being done twice. The deadline moves to now + deadline at once, and the miss is reported as
 * an {@code OrphanDetected} with action {@code REDRIVEN}, so that no attempt is silent.
 */
final class DeadlineTransitions {

    private final TrackingSettings settings;
    private final OrphanReports orphans;

    DeadlineTransitions(TrackingSettings settings) {
        this.settings = settings;
        this.orphans = new OrphanReports(settings);
    }

    /**
     * @param current a deletion awaiting confirmation whose deadline has passed
     * @param quotaWait nullable: the worker's latest estimate for the deletion
     */
    Transition onDeadlineMissed(TrackedDeletion current, QuotaWaitEstimated quotaWait, Instant now) {
        if (quotaWait != null
                && quotaWait.estimatedFinish().plus(settings.deadline()).isAfter(now)) {
            return waitForQuota(current, quotaWait, now);
        }
        if (current.redriveAttempts() < settings.maxRedrives() && current.request() != null) {
            return redrive(current, now);
        }
        OrphanDetected orphan = orphans.unconfirmed(current, OrphanAction.REPORTED, now);
        TrackedDeletion after = current.toBuilder()
                .state(ORPHANED, orphan.eventId(), now)
                .reason(orphan.reason())
                .build();
        return Transition.to(current, after).withOrphan(orphan);
    }

    private Transition waitForQuota(TrackedDeletion current, QuotaWaitEstimated quotaWait, Instant now) {
        TrackedDeletion after = current.toBuilder()
                .state(WAITING_FOR_QUOTA, quotaWait.eventId(), now)
                .estimatedFinish(quotaWait.estimatedFinish())
                .deadlineAt(quotaWait.estimatedFinish().plus(settings.deadline()))
                .build();
        return Transition.to(current, after);
    }

    private Transition redrive(TrackedDeletion current, Instant now) {
        int attempt = current.redriveAttempts() + 1;
        BlockSoftDeleted original = current.request();
        RedriveRequested redrive = new RedriveRequested(
                OrphanReports.idOf("redrive", original.eventId(), String.valueOf(attempt)),
                original.blockId(),
                original.deletionId(),
                original.eventId(),
                attempt,
                now);
        OrphanDetected orphan = orphans.unconfirmed(current, OrphanAction.REDRIVEN, now);
        TrackedDeletion after = current.toBuilder()
                .state(SOFT_DELETED, redrive.eventId(), now)
                .redriveAttempts(attempt)
                .deadlineAt(now.plus(settings.deadline()))
                .build();
        return Transition.to(current, after).withOrphan(orphan).withRedrive(redrive);
    }
}

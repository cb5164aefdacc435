package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.common.events.DeletionState.ORPHANED;
import static dev.deletionpipeline.common.events.DeletionState.SOFT_DELETED;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import java.time.Instant;

/**
 * What happens to a deletion still unconfirmed at its deadline: re-driven while attempts are left, else orphaned.
 *
 * <p>A re-drive cannot go through the API's outbox (Kafka Streams does not write our database, and exactly-once covers
 * Kafka only), so it is a copy of the original {@link BlockSoftDeleted} with a new, derived event id and
 * {@code redriveOf} = the original's id, published to {@code blocks.lifecycle.v1} like any soft delete. The worker takes
 * it as new work; its claim keeps a deletion that did finish meanwhile from being done twice. The deadline moves to
 * now + deadline, and the miss is reported as an {@code OrphanDetected} with action {@code REDRIVEN}, so that no
 * attempt is silent.
 */
final class DeadlineTransitions {

    private final TrackingSettings settings;
    private final OrphanReports orphans;

    DeadlineTransitions(TrackingSettings settings) {
        this.settings = settings;
        this.orphans = new OrphanReports(settings);
    }

    /** @param current a {@code SOFT_DELETED} deletion whose deadline has passed */
    Transition onDeadlineMissed(TrackedDeletion current, Instant now) {
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

    private Transition redrive(TrackedDeletion current, Instant now) {
        int attempt = current.redriveAttempts() + 1;
        BlockSoftDeleted original = current.request();
        BlockSoftDeleted redrive = new BlockSoftDeleted(
                OrphanReports.idOf("redrive", original.eventId(), String.valueOf(attempt)),
                original.deletionId(),
                original.blockId(),
                original.ownerId(),
                original.calendarId(),
                original.googleEventId(),
                original.originalId(),
                original.recurringEventId(),
                original.kind(),
                original.deletedAt(),
                original.purgeAfter(),
                original.eventId(),
                original.dueBy());
        OrphanDetected orphan = orphans.unconfirmed(current, OrphanAction.REDRIVEN, now);
        TrackedDeletion after = current.toBuilder()
                .state(SOFT_DELETED, redrive.eventId(), now)
                .redriveAttempts(attempt)
                .deadlineAt(now.plus(settings.deadline()))
                .build();
        return Transition.to(current, after).withOrphan(orphan).withRedrive(redrive);
    }
}

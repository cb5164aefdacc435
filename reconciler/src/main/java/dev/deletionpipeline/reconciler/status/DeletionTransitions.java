package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.common.events.DeletionState.CONFIRMED;
import static dev.deletionpipeline.common.events.DeletionState.FAILED;
import static dev.deletionpipeline.common.events.DeletionState.HELD;
import static dev.deletionpipeline.common.events.DeletionState.RESTORED;
import static dev.deletionpipeline.common.events.DeletionState.SOFT_DELETED;

import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The state machine of one block's deletion, free of Kafka. Events may come in any order, so each is first placed
 * against the deletion already known: the same deletion, a newer one (by its time), or a stale one that changes nothing.
 * A confirmation always wins (the rows are gone); a restore or a dead letter only moves an unfinished deletion; a soft
 * delete never reopens a finished one, it only completes what an earlier out-of-order event could not tell. A legal
 * hold parks an unfinished deletion as HELD (no deadline) until its release. Missed
 * deadlines are {@link DeadlineTransitions}.
 */
final class DeletionTransitions {

    private enum Relation {
        FIRST,
        SAME,
        NEWER,
        STALE
    }

    private final TrackingSettings settings;
    private final OrphanReports orphans;

    DeletionTransitions(TrackingSettings settings) {
        this.settings = settings;
        this.orphans = new OrphanReports(settings);
    }

    Transition apply(TrackedDeletion current, Inbound inbound, Instant now) {
        if (inbound instanceof Inbound.SoftDeleted softDeleted) {
            return onSoftDeleted(current, softDeleted.event(), now);
        }
        if (inbound instanceof Inbound.Restored restored) {
            return onRestored(current, restored.event(), now);
        }
        if (inbound instanceof Inbound.Confirmed confirmed) {
            return onConfirmed(current, confirmed.event(), now);
        }
        if (inbound instanceof Inbound.Held held) {
            return onHeld(current, held.event(), now);
        }
        if (inbound instanceof Inbound.HoldReleased released) {
            return onHoldReleased(current, released.event(), now);
        }
        return onDeadLettered(current, (Inbound.DeadLettered) inbound, now);
    }

    private Transition onSoftDeleted(TrackedDeletion current, BlockSoftDeleted event, Instant now) {
        return switch (relation(current, event.deletionId(), event.deletedAt())) {
            case FIRST, NEWER ->
                Transition.to(
                        current,
                        newDeletion(current, event.blockId(), event.deletionId(), event.ownerId())
                                .state(SOFT_DELETED, event.eventId(), now)
                                .softDeletedAt(event.deletedAt())
                                .purgeAfter(event.purgeAfter())
                                .request(event)
                                .deadlineAt(deadlineFrom(event, now))
                                .build());
            case SAME -> onSoftDeletedAgain(current, event, now);
            case STALE -> Transition.unchanged(current);
        };
    }

    /** A re-drive (from the sweep, for a row still soft-deleted) gets a whole deadline from now, not from purgeAfter. */
    private Instant deadlineFrom(BlockSoftDeleted event, Instant now) {
        boolean redriveOfThePast =
                event.redriveOf() != null && event.purgeAfter().isBefore(now);
        return (redriveOfThePast ? now : event.purgeAfter()).plus(settings.deadline());
    }

    /** A re-drive reopens an orphaned or failed deletion; otherwise a repeat only fills in what was unknown. */
    private Transition onSoftDeletedAgain(TrackedDeletion current, BlockSoftDeleted event, Instant now) {
        if (current.openOrphan() && event.redriveOf() != null) {
            Instant from = event.purgeAfter().isAfter(now) ? event.purgeAfter() : now;
            return Transition.to(
                    current,
                    current.toBuilder()
                            .state(SOFT_DELETED, event.eventId(), now)
                            .reason(null)
                            .request(current.request() != null ? current.request() : event)
                            .deadlineAt(from.plus(settings.deadline()))
                            .build());
        }
        if (current.softDeletedAt() == null || current.purgeAfter() == null) {
            return Transition.to(
                    current,
                    current.toBuilder()
                            .softDeletedAt(
                                    current.softDeletedAt() != null ? current.softDeletedAt() : event.deletedAt())
                            .purgeAfter(current.purgeAfter() != null ? current.purgeAfter() : event.purgeAfter())
                            .request(current.request() != null ? current.request() : event)
                            .updatedAt(now)
                            .build());
        }
        return Transition.unchanged(current);
    }

    private Transition onRestored(TrackedDeletion current, BlockRestored event, Instant now) {
        return switch (relation(current, event.deletionId(), event.restoredAt())) {
            case FIRST, NEWER ->
                Transition.to(
                        current,
                        newDeletion(current, event.blockId(), event.deletionId(), event.ownerId())
                                .state(RESTORED, event.eventId(), now)
                                .restoredAt(event.restoredAt())
                                .build());
            case SAME ->
                current.unfinished()
                        ? Transition.to(
                                current,
                                current.toBuilder()
                                        .state(RESTORED, event.eventId(), now)
                                        .reason(null)
                                        .restoredAt(event.restoredAt())
                                        .build())
                        : Transition.unchanged(current);
            case STALE -> Transition.unchanged(current);
        };
    }

    /**
     * A hold stops an unfinished deletion of the same request: no deadline while held. A hold on a deletion not seen
     * yet (a withdrawal before its purge announced it) changes nothing: its soft delete comes with a hold of its own.
     */
    private Transition onHeld(TrackedDeletion current, BlockHeld event, Instant now) {
        if (current == null || !current.deletionId().equals(event.deletionId()) || !current.pending()) {
            return Transition.unchanged(current);
        }
        return Transition.to(
                current,
                current.toBuilder()
                        .state(HELD, event.eventId(), now)
                        .reason(null)
                        .build());
    }

    /** A release resumes a held deletion; its deadline counts from the release (or the grace period's end). */
    private Transition onHoldReleased(TrackedDeletion current, BlockHoldReleased event, Instant now) {
        if (current == null || !current.deletionId().equals(event.deletionId()) || current.state() != HELD) {
            return Transition.unchanged(current);
        }
        Instant from = current.purgeAfter() != null && current.purgeAfter().isAfter(event.releasedAt())
                ? current.purgeAfter()
                : event.releasedAt();
        return Transition.to(
                current,
                current.toBuilder()
                        .state(SOFT_DELETED, event.eventId(), now)
                        .deadlineAt(from.plus(settings.deadline()))
                        .build());
    }

    private Transition onConfirmed(TrackedDeletion current, HardDeleteConfirmed event, Instant now) {
        TrackedDeletionBuilder confirmed = switch (relation(current, event.deletionId(), event.softDeletedAt())) {
            case FIRST, NEWER ->
                newDeletion(current, event.blockId(), event.deletionId(), event.ownerId())
                        .softDeletedAt(event.softDeletedAt());
            case SAME ->
                current.state() == CONFIRMED
                        ? null
                        : current.toBuilder()
                                .softDeletedAt(
                                        current.softDeletedAt() != null
                                                ? current.softDeletedAt()
                                                : event.softDeletedAt());
            case STALE -> null;
        };
        if (confirmed == null) {
            return Transition.unchanged(current);
        }
        TrackedDeletion after = confirmed
                .state(CONFIRMED, event.eventId(), now)
                .reason(null)
                .confirmedAt(event.hardDeletedAt())
                .build();
        long latencyMs =
                Duration.between(event.softDeletedAt(), event.hardDeletedAt()).toMillis();
        return Transition.to(current, after)
                .withLatency(Math.max(0, latencyMs))
                .withAlreadyGone(event.outcome() == HardDeleteOutcome.ALREADY_GONE);
    }

    private Transition onDeadLettered(TrackedDeletion current, Inbound.DeadLettered deadLetter, Instant now) {
        BlockSoftDeleted request = deadLetter.request();
        TrackedDeletionBuilder failed = switch (relation(current, request.deletionId(), request.deletedAt())) {
            case FIRST, NEWER ->
                newDeletion(current, request.blockId(), request.deletionId(), request.ownerId())
                        .softDeletedAt(request.deletedAt())
                        .purgeAfter(request.purgeAfter())
                        .request(request);
            case SAME -> current.unfinished() ? current.toBuilder() : null;
            case STALE -> null;
        };
        if (failed == null) {
            return Transition.unchanged(current);
        }
        UUID orphanId = OrphanReports.idOf("dead-letter", request.blockId(), deadLetter.dedupKey());
        TrackedDeletion after =
                failed.state(FAILED, orphanId, now).reason(deadLetter.reason()).build();
        return Transition.to(current, after).withOrphan(orphans.deadLettered(after, deadLetter, now));
    }

    private static TrackedDeletionBuilder newDeletion(
            TrackedDeletion previous, UUID blockId, UUID deletionId, UUID ownerId) {
        return new TrackedDeletionBuilder(blockId, deletionId, ownerId, previous);
    }

    private static Relation relation(TrackedDeletion current, UUID deletionId, Instant eventTime) {
        if (current == null) {
            return Relation.FIRST;
        }
        if (current.deletionId().equals(deletionId)) {
            return Relation.SAME;
        }
        Instant reference = current.referenceTime();
        return reference == null || eventTime.isAfter(reference) ? Relation.NEWER : Relation.STALE;
    }
}

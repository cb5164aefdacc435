package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.RedriveRequested;
import java.util.Objects;
import java.util.Optional;

/**
 * What one event or one deadline did to a block's deletion, and what has to be published about it.
 *
 * @param before nullable: nothing was known about the block
 * @param orphan nullable: an orphan to report
 * @param redrive nullable: a re-drive of the original soft delete to ask for
 * @param latencyMs nullable: a soft delete → confirmation latency sample
 * @param alreadyGone a confirmation whose Google answer was "already gone", for the ops summary's count
 */
record Transition(
        TrackedDeletion before,
        TrackedDeletion after,
        OrphanDetected orphan,
        RedriveRequested redrive,
        Long latencyMs,
        boolean alreadyGone) {

    static Transition unchanged(TrackedDeletion current) {
        return new Transition(current, current, null, null, null, false);
    }

    static Transition to(TrackedDeletion before, TrackedDeletion after) {
        return new Transition(before, after, null, null, null, false);
    }

    Transition withOrphan(OrphanDetected value) {
        return new Transition(before, after, value, redrive, latencyMs, alreadyGone);
    }

    Transition withRedrive(RedriveRequested value) {
        return new Transition(before, after, orphan, value, latencyMs, alreadyGone);
    }

    Transition withLatency(long value) {
        return new Transition(before, after, orphan, redrive, value, alreadyGone);
    }

    Transition withAlreadyGone(boolean value) {
        return new Transition(before, after, orphan, redrive, latencyMs, value);
    }

    /** The same transition, with the event that caused it remembered so that a duplicate of it changes nothing. */
    Transition remembering(String eventKey, int limit) {
        return new Transition(before, after.remembering(eventKey, limit), orphan, redrive, latencyMs, alreadyGone);
    }

    /** The status to publish: present when it differs from the one before and is complete enough to publish. */
    Optional<DeletionStatus> changedStatus() {
        Optional<DeletionStatus> previous = before == null ? Optional.empty() : before.status();
        return after.status().filter(status -> !Objects.equals(previous.orElse(null), status));
    }
}

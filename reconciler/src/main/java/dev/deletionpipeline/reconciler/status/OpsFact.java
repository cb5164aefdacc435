package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.OrphanType;
import java.time.Instant;
import java.util.Objects;

/**
 * One change to what the ops summary counts, sent from the per-partition tracking to the single summary task through a
 * one-partition repartition topic. The summary is global, so it cannot be computed from one partition's stores.
 *
 * @param blockId nullable: unknown for an unreadable dead letter
 * @param fromState nullable: the block was not tracked before, or the state did not change
 * @param toState nullable: the state did not change
 * @param pendingSinceBefore nullable: when the block became pending, if it was pending before
 * @param pendingSinceAfter nullable: when the block became pending, if it is pending now
 * @param deadLetterReason nullable: one more dead letter with this reason
 * @param latencyMs nullable: a soft delete → confirmation latency sample
 * @param alreadyGone a confirmation whose Google answer was "already gone"
 * @param deadlineBefore nullable: the deadline class ({@code DEADLINE_AT_RISK} or {@code DEADLINE_MISSED}) a deletion
 *     request (then {@code blockId} is its deletion id) leaves; null when it was in none
 * @param deadlineAfter nullable: the deadline class the request enters; null when it is in none now
 * @param at when it was seen (wall clock of the tracking task)
 */
record OpsFact(
        String blockId,
        DeletionState fromState,
        DeletionState toState,
        Instant pendingSinceBefore,
        Instant pendingSinceAfter,
        String deadLetterReason,
        Long latencyMs,
        boolean alreadyGone,
        OrphanType deadlineBefore,
        OrphanType deadlineAfter,
        Instant at) {

    static OpsFact deadLettered(String blockId, String reason, Instant at) {
        return new OpsFact(blockId, null, null, null, null, reason, null, false, null, null, at);
    }

    /** A finished deletion in {@code state} was forgotten: it no longer counts. */
    static OpsFact forgotten(String blockId, DeletionState state, Instant at) {
        return new OpsFact(blockId, state, null, null, null, null, null, false, null, null, at);
    }

    /** A deletion request moved from one deadline class to another (either may be null: none). */
    static OpsFact deadlineChanged(String deletionId, OrphanType before, OrphanType after, Instant at) {
        return new OpsFact(deletionId, null, null, null, null, null, null, false, before, after, at);
    }

    /** What a transition changed for the summary; null when it changed nothing the summary counts. */
    static OpsFact of(Transition transition, Instant at) {
        TrackedDeletion before = transition.before();
        TrackedDeletion after = transition.after();
        DeletionState fromState = before == null ? null : before.state();
        boolean stateChanged = fromState != after.state();
        Instant pendingBefore = pendingSince(before);
        Instant pendingAfter = pendingSince(after);
        boolean pendingChanged = !Objects.equals(pendingBefore, pendingAfter);
        if (!stateChanged && !pendingChanged && transition.latencyMs() == null) {
            return null;
        }
        return new OpsFact(
                after.blockId().toString(),
                stateChanged ? fromState : null,
                stateChanged ? after.state() : null,
                pendingBefore,
                pendingAfter,
                null,
                transition.latencyMs(),
                transition.alreadyGone(),
                null,
                null,
                at);
    }

    private static Instant pendingSince(TrackedDeletion deletion) {
        return deletion != null && deletion.pending() ? deletion.softDeletedAt() : null;
    }
}

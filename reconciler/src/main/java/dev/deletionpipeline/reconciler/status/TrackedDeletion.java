package dev.deletionpipeline.reconciler.status;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the reconciler knows about one block's current deletion: the value of the {@link TrackingStores#DELETIONS}
 * store, key = block id. Richer than the published {@link DeletionStatus}: it keeps the original request (to re-drive
 * it), the deadline, and the ids of the events already applied (to drop duplicates).
 *
 * @param softDeletedAt nullable: unknown while only a restore has been seen
 * @param purgeAfter nullable: unknown while only a confirmation, a restore or nothing with it has been seen
 * @param restoredAt nullable: set by a restore
 * @param confirmedAt nullable: set by a confirmation
 * @param deadlineAt nullable: set while {@link #awaitsConfirmation()}, when the deletion counts as unconfirmed
 * @param request nullable: the original soft delete, kept so that it can be re-driven
 * @param seenEventKeys the most recent de-duplication keys of events applied to this block, oldest first
 * @param estimatedFinish nullable: set while {@link DeletionState#WAITING_FOR_QUOTA}, the worker's estimate the
 *     deadline counts from
 */
record TrackedDeletion(
        UUID blockId,
        UUID deletionId,
        UUID ownerId,
        DeletionState state,
        String reason,
        Instant softDeletedAt,
        Instant purgeAfter,
        Instant restoredAt,
        Instant confirmedAt,
        Instant updatedAt,
        UUID lastEventId,
        int redriveAttempts,
        Instant deadlineAt,
        BlockSoftDeleted request,
        List<String> seenEventKeys,
        Instant estimatedFinish) {

    TrackedDeletion {
        requireNonNull(blockId, "blockId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(state, "state");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(lastEventId, "lastEventId");
        seenEventKeys = seenEventKeys == null ? List.of() : List.copyOf(seenEventKeys);
    }

    /** The published form; empty while the soft delete's time is unknown (only a restore has been seen). */
    Optional<DeletionStatus> status() {
        if (softDeletedAt == null) {
            return Optional.empty();
        }
        return Optional.of(new DeletionStatus(
                blockId,
                deletionId,
                ownerId,
                state,
                reason,
                softDeletedAt,
                purgeAfter,
                confirmedAt,
                updatedAt,
                lastEventId,
                redriveAttempts,
                estimatedFinish));
    }

    /** The time that orders this deletion against another deletion of the same block. */
    Instant referenceTime() {
        return softDeletedAt != null ? softDeletedAt : restoredAt;
    }

    /** Not yet confirmed, restored or failed: counts for the oldest pending age. */
    boolean pending() {
        return awaitsConfirmation() || state == DeletionState.ORPHANED || state == DeletionState.HELD;
    }

    /** Expected to be confirmed by its deadline: soft-deleted, perhaps waiting for its owner's Google quota. */
    boolean awaitsConfirmation() {
        return awaitsConfirmation(state);
    }

    static boolean awaitsConfirmation(DeletionState state) {
        return state == DeletionState.SOFT_DELETED || state == DeletionState.WAITING_FOR_QUOTA;
    }

    /** Reported as an orphan and not resolved since. */
    boolean openOrphan() {
        return state == DeletionState.ORPHANED || state == DeletionState.FAILED;
    }

    /** Still able to end in a confirmation, a restore or a failure. */
    boolean unfinished() {
        return pending() || state == DeletionState.FAILED;
    }

    /**
     * Keeps its deletion request from being finished, for the request's {@code dueBy}: every block not confirmed or
     * restored, a failed one included (its Google event may still exist), except a held one: a legal hold suspends the
     * duty to erase, so it raises no deadline alarm; released, the block counts again against the request's dueBy.
     */
    boolean countsForDeadline() {
        return unfinished() && state != DeletionState.HELD;
    }

    boolean hasSeen(String eventKey) {
        return seenEventKeys.contains(eventKey);
    }

    /** This deletion, remembering one more applied event and forgetting the oldest beyond {@code limit}. */
    TrackedDeletion remembering(String eventKey, int limit) {
        List<String> seen = new ArrayList<>(seenEventKeys);
        seen.add(eventKey);
        List<String> kept = seen.subList(Math.max(0, seen.size() - limit), seen.size());
        return toBuilder().seenEventKeys(kept).build();
    }

    TrackedDeletionBuilder toBuilder() {
        return new TrackedDeletionBuilder(this);
    }
}

package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Copies a {@link TrackedDeletion} with some fields changed; the transitions read better through it. */
final class TrackedDeletionBuilder {

    private UUID blockId;
    private UUID deletionId;
    private UUID ownerId;
    private DeletionState state;
    private String reason;
    private Instant softDeletedAt;
    private Instant purgeAfter;
    private Instant restoredAt;
    private Instant confirmedAt;
    private Instant updatedAt;
    private UUID lastEventId;
    private int redriveAttempts;
    private Instant deadlineAt;
    private BlockSoftDeleted request;
    private List<String> seenEventKeys = List.of();
    private Instant estimatedFinish;

    /** A new deletion of one block, remembering the events already seen for that block. */
    TrackedDeletionBuilder(UUID blockId, UUID deletionId, UUID ownerId, TrackedDeletion previous) {
        this.blockId = blockId;
        this.deletionId = deletionId;
        this.ownerId = ownerId;
        this.seenEventKeys = previous == null ? List.of() : previous.seenEventKeys();
    }

    TrackedDeletionBuilder(TrackedDeletion from) {
        blockId = from.blockId();
        deletionId = from.deletionId();
        ownerId = from.ownerId();
        state = from.state();
        reason = from.reason();
        softDeletedAt = from.softDeletedAt();
        purgeAfter = from.purgeAfter();
        restoredAt = from.restoredAt();
        confirmedAt = from.confirmedAt();
        updatedAt = from.updatedAt();
        lastEventId = from.lastEventId();
        redriveAttempts = from.redriveAttempts();
        deadlineAt = from.deadlineAt();
        request = from.request();
        seenEventKeys = from.seenEventKeys();
        estimatedFinish = from.estimatedFinish();
    }

    /**
     * Moves to a state caused by one event at {@code now}; a state that awaits no confirmation has no deadline, and
     * only a quota wait has an estimated finish.
     */
    TrackedDeletionBuilder state(DeletionState newState, UUID causedBy, Instant now) {
        state = newState;
        lastEventId = causedBy;
        updatedAt = now;
        if (!TrackedDeletion.awaitsConfirmation(newState)) {
            deadlineAt = null;
        }
        if (newState != DeletionState.WAITING_FOR_QUOTA) {
            estimatedFinish = null;
        }
        return this;
    }

    TrackedDeletionBuilder estimatedFinish(Instant value) {
        estimatedFinish = value;
        return this;
    }

    TrackedDeletionBuilder reason(String newReason) {
        reason = newReason;
        return this;
    }

    TrackedDeletionBuilder softDeletedAt(Instant value) {
        softDeletedAt = value;
        return this;
    }

    TrackedDeletionBuilder purgeAfter(Instant value) {
        purgeAfter = value;
        return this;
    }

    TrackedDeletionBuilder restoredAt(Instant value) {
        restoredAt = value;
        return this;
    }

    TrackedDeletionBuilder confirmedAt(Instant value) {
        confirmedAt = value;
        return this;
    }

    TrackedDeletionBuilder updatedAt(Instant value) {
        updatedAt = value;
        return this;
    }

    TrackedDeletionBuilder redriveAttempts(int value) {
        redriveAttempts = value;
        return this;
    }

    TrackedDeletionBuilder deadlineAt(Instant value) {
        deadlineAt = value;
        return this;
    }

    TrackedDeletionBuilder request(BlockSoftDeleted value) {
        request = value;
        return this;
    }

    TrackedDeletionBuilder seenEventKeys(List<String> value) {
        seenEventKeys = value;
        return this;
    }

    TrackedDeletion build() {
        return new TrackedDeletion(
                blockId,
                deletionId,
                ownerId,
                state,
                reason,
                softDeletedAt,
                purgeAfter,
                restoredAt,
                confirmedAt,
                updatedAt,
                lastEventId,
                redriveAttempts,
                deadlineAt,
                request,
                seenEventKeys,
                estimatedFinish);
    }
}

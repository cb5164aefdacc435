package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import java.time.Instant;
import java.util.UUID;

/** A decoded record of a tracked topic: one thing that happened to a block's deletion. */
sealed interface Inbound {

    UUID blockId();

    /** Identifies the occurrence: the same key seen twice for one block is a duplicate and changes nothing. */
    String dedupKey();

    /**
     * When the deletion this event belongs to started (its soft delete; for a restore, which does not tell, the
     * restore): a deletion that was finished and forgotten started at least {@code finishedRetention} ago.
     */
    Instant deletionStartedAt();

    record SoftDeleted(BlockSoftDeleted event) implements Inbound {
        @Override
        public UUID blockId() {
            return event.blockId();
        }

        @Override
        public String dedupKey() {
            return event.eventId().toString();
        }

        @Override
        public Instant deletionStartedAt() {
            return event.deletedAt();
        }
    }

    record Restored(BlockRestored event) implements Inbound {
        @Override
        public UUID blockId() {
            return event.blockId();
        }

        @Override
        public String dedupKey() {
            return event.eventId().toString();
        }

        @Override
        public Instant deletionStartedAt() {
            return event.restoredAt();
        }
    }

    /** A legal hold now covers the block; a hold says nothing about when the deletion started, so its time stands in. */
    record Held(BlockHeld event) implements Inbound {
        @Override
        public UUID blockId() {
            return event.blockId();
        }

        @Override
        public String dedupKey() {
            return event.eventId().toString();
        }

        @Override
        public Instant deletionStartedAt() {
            return event.heldAt();
        }
    }

    record HoldReleased(BlockHoldReleased event) implements Inbound {
        @Override
        public UUID blockId() {
            return event.blockId();
        }

        @Override
        public String dedupKey() {
            return event.eventId().toString();
        }

        @Override
        public Instant deletionStartedAt() {
            return event.releasedAt();
        }
    }

    record Confirmed(HardDeleteConfirmed event) implements Inbound {
        @Override
        public UUID blockId() {
            return event.blockId();
        }

        @Override
        public String dedupKey() {
            return event.eventId().toString();
        }

        @Override
        public Instant deletionStartedAt() {
            return event.softDeletedAt();
        }
    }

    /**
     * The worker gave up on {@code request}. A dead letter carries the original event's id, so its key adds the time of
     * the last failure: a second failure of the same request after a re-drive is a new occurrence.
     *
     * @param detail nullable
     */
    record DeadLettered(BlockSoftDeleted request, String reason, String detail, String dedupKey) implements Inbound {
        @Override
        public UUID blockId() {
            return request.blockId();
        }

        @Override
        public Instant deletionStartedAt() {
            return request.deletedAt();
        }
    }
}

package dev.deletionpipeline.reconciler.sweep;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanType;
import java.util.UUID;

/**
 * One row the sweep found, and what it means to do about it.
 *
 * @param plannedAction {@code REPORTED} when the row must be left to an operator; otherwise the change a real (not dry)
 *     run makes
 * @param deletionId nullable: null for a live leftover that no deletion stamped
 * @param reason why the row counts as an orphan, with the ids an operator needs
 */
record Finding(
        OrphanType type, OrphanAction plannedAction, UUID blockId, UUID deletionId, UUID ownerId, String reason) {

    Finding {
        requireNonNull(type, "type");
        requireNonNull(plannedAction, "plannedAction");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(reason, "reason");
    }

    /** Whether acting on this finding changes the database (anything but a report). */
    boolean changesDatabase() {
        return plannedAction != OrphanAction.REPORTED;
    }

    Finding withReason(String newReason) {
        return new Finding(type, plannedAction, blockId, deletionId, ownerId, newReason);
    }
}

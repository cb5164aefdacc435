package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.api.deletions.DeletionPreview;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.events.DeletionState;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code deletion_approvals}: a held command and what it would soft-delete.
 *
 * @param id the command's event id; the id of its deletion once approved
 * @param preview the counts when it was held (refreshed when an approval found the target grown)
 * @param decision null while it waits
 */
record Approval(
        UUID id,
        UUID ownerId,
        DeletionScope scope,
        UUID blockId,
        String calendarId,
        String requestedBy,
        Instant heldAt,
        DeletionPreview preview,
        ApprovalDecision decision) {

    /** {@code PENDING_APPROVAL} while it waits, else the decision. */
    String state() {
        return decision == null ? DeletionState.PENDING_APPROVAL.name() : decision.name();
    }
}

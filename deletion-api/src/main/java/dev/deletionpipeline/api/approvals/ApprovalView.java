package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.api.deletions.DeletionPreview;
import dev.deletionpipeline.common.events.DeletionScope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A held deletion as admins see it.
 *
 * @param state {@code PENDING_APPROVAL}, {@code APPROVED} or {@code REJECTED}
 * @param audit the decisions taken on it (who, when, why)
 */
record ApprovalView(
        UUID id,
        UUID ownerId,
        DeletionScope scope,
        UUID blockId,
        String calendarId,
        String requestedBy,
        Instant heldAt,
        String state,
        DeletionPreview preview,
        List<AuditEntry> audit) {

    static ApprovalView of(Approval a, List<AuditEntry> audit) {
        return new ApprovalView(
                a.id(),
                a.ownerId(),
                a.scope(),
                a.blockId(),
                a.calendarId(),
                a.requestedBy(),
                a.heldAt(),
                a.state(),
                a.preview(),
                audit);
    }
}

package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.api.deletions.DeletionPreview;
import dev.deletionpipeline.api.deletions.DeletionPreviews;
import dev.deletionpipeline.api.deletions.DeletionService;
import dev.deletionpipeline.api.deletions.DeletionTarget;
import dev.deletionpipeline.api.problems.ConflictException;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds deletion commands above the threshold and carries out the admins' decisions. An approval carries the command
 * out with the REST API's semantics under the command's event id, allowed at most the held preview's count of blocks
 * (a target that grew meanwhile gets a fresh preview and must be approved again); a rejection drops it. A repeated
 * decision is answered as it stands; a contrary one is a conflict. Each decision writes one {@code admin_audit} row.
 */
@Service
public class ApprovalService {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    private final Approvals approvals;
    private final AdminAudit audit;
    private final DeletionService deletions;
    private final DeletionPreviews previews;
    private final Clock clock;

    ApprovalService(
            Approvals approvals, AdminAudit audit, DeletionService deletions, DeletionPreviews previews, Clock clock) {
        this.approvals = approvals;
        this.audit = audit;
        this.deletions = deletions;
        this.previews = previews;
        this.clock = clock;
    }

    /** Holds the command as {@code PENDING_APPROVAL}; must run in the transaction that decided to hold it. */
    @Transactional
    public void hold(DeletionRequested command, String requestedBy, DeletionPreview preview) {
        approvals.hold(command, requestedBy, preview, SqlTime.now(clock));
        log.warn(
                "Deletion command {} of {} ({} {} blocks of owner {}) is above the confirmation threshold: held for"
                        + " an admin's approval",
                command.eventId(),
                requestedBy,
                command.scope(),
                preview.blocks(),
                command.ownerId());
    }

    /** Whether a command with this event id is (or was) held. */
    public boolean isHeld(UUID commandId) {
        return approvals.exists(commandId);
    }

    @Transactional
    Approval approve(UUID id, String admin, String reason) {
        Approval approval = lockForDecision(id, ApprovalDecision.APPROVED);
        if (approval.decision() != null) {
            return approval;
        }
        try {
            carryOut(approval);
        } catch (NotFoundException e) {
            throw new ConflictException(
                    "The held deletion cannot be carried out: " + e.getMessage() + " Reject it instead.");
        }
        return decide(approval, ApprovalDecision.APPROVED, admin, reason);
    }

    @Transactional
    Approval reject(UUID id, String admin, String reason) {
        Approval approval = lockForDecision(id, ApprovalDecision.REJECTED);
        if (approval.decision() != null) {
            return approval;
        }
        return decide(approval, ApprovalDecision.REJECTED, admin, reason);
    }

    /** After an approval found the target grown: the held preview becomes the current count. */
    @Transactional
    DeletionPreview refreshPreview(UUID id) {
        Approval approval = approvals.lock(id).orElseThrow(() -> unknown(id));
        DeletionPreview now = previews.of(approval.ownerId(), targetOf(approval));
        approvals.updatePreview(id, now);
        return now;
    }

    private Approval lockForDecision(UUID id, ApprovalDecision wanted) {
        Approval approval = approvals.lock(id).orElseThrow(() -> unknown(id));
        if (approval.decision() != null && approval.decision() != wanted) {
            throw new ConflictException("This deletion was already " + approval.decision() + ".");
        }
        return approval;
    }

    private void carryOut(Approval a) {
        long allowed = a.preview().blocks();
        switch (a.scope()) {
            case BLOCK -> deletions.deleteBlock(a.ownerId(), a.blockId(), a.requestedBy(), a.id(), allowed);
            case CALENDAR, OWNER -> deletions.deleteAll(a.ownerId(), targetOf(a), a.requestedBy(), a.id(), allowed);
        }
    }

    private DeletionTarget targetOf(Approval a) {
        return switch (a.scope()) {
            case BLOCK ->
                previews.liveBlock(a.ownerId(), a.blockId()).orElse(new DeletionTarget.Block(a.blockId(), null, null));
            case CALENDAR -> DeletionTarget.calendar(a.calendarId());
            case OWNER -> DeletionTarget.everyBlockOf(a.ownerId());
        };
    }

    private Approval decide(Approval approval, ApprovalDecision decision, String admin, String reason) {
        approvals.decide(approval.id(), decision);
        audit.record(decision, approval.id(), admin, SqlTime.now(clock), reason);
        log.info("Held deletion {} {} by {}: {}", approval.id(), decision, admin, reason);
        return approvals.find(approval.id()).orElseThrow();
    }

    private static NotFoundException unknown(UUID id) {
        return new NotFoundException("No held deletion " + id + ".");
    }
}

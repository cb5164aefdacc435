package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.api.deletions.DeletionPreview;
import dev.deletionpipeline.api.deletions.TargetGrewException;
import dev.deletionpipeline.api.problems.ConflictException;
import dev.deletionpipeline.api.problems.InvalidInputException;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import dev.deletionpipeline.common.events.DeletionState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin-only ({@code /v1/admin/**}): the held deletion commands ({@code GET /v1/admin/deletions?state=}, one by id
 * with its audit entries), their approval or rejection ({@code POST .../approve}, {@code .../reject}, a reason
 * required), and the audit trail ({@code GET /v1/admin/audit}).
 */
@RestController
class AdminDeletionController {

    private static final List<String> STATES = Stream.concat(
                    Stream.of(DeletionState.PENDING_APPROVAL.name()),
                    Arrays.stream(ApprovalDecision.values()).map(Enum::name))
            .toList();

    private final ApprovalService service;
    private final Approvals approvals;
    private final AdminAudit audit;

    AdminDeletionController(ApprovalService service, Approvals approvals, AdminAudit audit) {
        this.service = service;
        this.approvals = approvals;
        this.audit = audit;
    }

    @GetMapping("/v1/admin/deletions")
    List<ApprovalView> list(
            @RequestParam(defaultValue = "PENDING_APPROVAL") String state,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        if (!STATES.contains(state)) {
            throw new InvalidInputException("state", "must be one of " + String.join(", ", STATES));
        }
        Optional<ApprovalDecision> decision = state.equals(DeletionState.PENDING_APPROVAL.name())
                ? Optional.empty()
                : Optional.of(ApprovalDecision.valueOf(state));
        return approvals.page(decision, page, size).stream()
                .map(a -> ApprovalView.of(a, audit.of(a.id())))
                .toList();
    }

    @GetMapping("/v1/admin/deletions/{id}")
    ApprovalView get(@PathVariable UUID id) {
        return approvals
                .find(id)
                .map(a -> ApprovalView.of(a, audit.of(id)))
                .orElseThrow(() -> new NotFoundException("No held deletion " + id + "."));
    }

    @PostMapping("/v1/admin/deletions/{id}/approve")
    ApprovalView approve(Caller caller, @PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
        try {
            return view(service.approve(id, caller.subject(), request.reason()));
        } catch (TargetGrewException e) {
            DeletionPreview now = service.refreshPreview(id);
            throw new ConflictException("The target grew from " + e.allowed() + " to " + now.blocks()
                    + " blocks since it was held; nothing was deleted. The preview now shows " + now.blocks()
                    + " blocks: approve again to carry it out.");
        }
    }

    @PostMapping("/v1/admin/deletions/{id}/reject")
    ApprovalView reject(Caller caller, @PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
        return view(service.reject(id, caller.subject(), request.reason()));
    }

    @GetMapping("/v1/admin/audit")
    List<AuditEntry> auditTrail(
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return audit.page(page, size);
    }

    private ApprovalView view(Approval approval) {
        return ApprovalView.of(approval, audit.of(approval.id()));
    }
}

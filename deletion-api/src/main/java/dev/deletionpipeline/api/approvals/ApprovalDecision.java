package dev.deletionpipeline.api.approvals;

/** What an admin decided about a held deletion ({@code deletion_approvals.decision}, {@code admin_audit.action}). */
enum ApprovalDecision {
    /** Carried out, as if the command had been below the threshold. */
    APPROVED,
    /** Dropped: no block was touched. */
    REJECTED
}

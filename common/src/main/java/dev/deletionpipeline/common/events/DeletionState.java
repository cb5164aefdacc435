package dev.deletionpipeline.common.events;

/** Where one block's deletion stands, as the reconciler sees it. */
public enum DeletionState {
    SOFT_DELETED,
    CONFIRMED,
    RESTORED,
    FAILED,
    ORPHANED,
    /**
     * A deletion command above the confirmation threshold, held until an admin approves or rejects it; no block has
     * been touched yet, so no lifecycle event carries it.
     */
    PENDING_APPROVAL,
    /**
     * Soft-deleted but under a legal hold: not claimed, not deleted in Google, not hard-deleted, no deadline. A release
     * moves it back to {@link #SOFT_DELETED}, with its deadline counted from the release.
     */
    HELD,
    /**
     * Soft-deleted, past the deadline counted from {@code purgeAfter}, and waiting for its owner's Google quota: the
     * worker's estimate ({@link QuotaWaitEstimated}) says when it will be done, and the deadline counts from that. A
     * confirmation, restore, dead letter or hold moves it on as from {@link #SOFT_DELETED}.
     */
    WAITING_FOR_QUOTA
}

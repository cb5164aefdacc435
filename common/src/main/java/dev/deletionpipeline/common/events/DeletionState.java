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
    HELD
}

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
    PENDING_APPROVAL
}

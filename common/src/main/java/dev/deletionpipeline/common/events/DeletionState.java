package dev.deletionpipeline.common.events;

/** Where one block's deletion stands, as the reconciler sees it. */
public enum DeletionState {
    SOFT_DELETED,
    CONFIRMED,
    RESTORED,
    FAILED,
    ORPHANED
}

package dev.deletionpipeline.common.events;

/** How one block of a finished deletion request ended, as its {@link DeletionCompleted} receipt states it. */
public enum ReceiptOutcome {
    /** Google deleted the event (204); the rows are gone. */
    DELETED,
    /** Google answered 410, or 404 while the calendar still answered; the rows are gone. */
    ALREADY_GONE,
    /** Never synced to Google, so nothing was called there; the rows are gone. */
    NOT_SYNCED,
    /** The worker gave up (dead-lettered); the row is still soft-deleted, and its Google event may still exist. */
    FAILED,
    /** The deletion was undone within its grace period; the block is live again. */
    RESTORED;

    /** The receipt outcome of a hard delete. */
    public static ReceiptOutcome of(HardDeleteOutcome outcome) {
        return valueOf(outcome.name());
    }
}

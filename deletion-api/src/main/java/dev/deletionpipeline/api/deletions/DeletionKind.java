package dev.deletionpipeline.api.deletions;

/** What a {@code deletions} row covers (its {@code scope} column). */
public enum DeletionKind {
    /** One block with its direct children and, for a recurring series, its instances. */
    BLOCK,
    /** Every live block of one owner in one calendar. */
    CALENDAR,
    /** Every live block of one owner. */
    OWNER,
    /** Every live block of an owner who withdrew the account; announced only when the restore window has passed. */
    WITHDRAWAL
}

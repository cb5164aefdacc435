package dev.deletionpipeline.common.events;

/** What Google answered before the rows were hard-deleted. */
public enum HardDeleteOutcome {
    /** Google deleted the event (204). */
    DELETED,
    /**
     * Google had no such event any more: 410, or 404 while the calendar itself still answered for the same credential
     * (a 404 alone may mean lost access; then the deletion fails with {@code CALENDAR_UNREACHABLE} instead). Counts as
     * success, but not as proof that a recurring series is gone.
     */
    ALREADY_GONE,
    /** The block was never synced to Google, so there was nothing to delete there. */
    NOT_SYNCED
}

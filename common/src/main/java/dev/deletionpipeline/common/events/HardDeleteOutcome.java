package dev.deletionpipeline.common.events;

/** What Google answered before the rows were hard-deleted. */
public enum HardDeleteOutcome {
    /** Google deleted the event (204). */
    DELETED,
    /** Google had no such event any more (404 or 410): already gone counts as success. */
    ALREADY_GONE,
    /** The block was never synced to Google, so there was nothing to delete there. */
    NOT_SYNCED
}

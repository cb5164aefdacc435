package dev.deletionpipeline.common.events;

/** What was done about an orphan when it was reported. */
public enum OrphanAction {
    /** Only reported: an operator decides (also every finding of a dry run). */
    REPORTED,
    /** Sent through the pipeline again. */
    REDRIVEN,
    /** Removed from the database, because its Google event is provably gone. */
    REMOVED,
    /** A stuck claim was released so that the deletion is delivered again. */
    RELEASED
}

package dev.deletionpipeline.common.topics;

/**
 * Where a dead letter of {@code blocks.deletion-dead-letters.v1} stands ({@code dead_letters.status}, the worker's
 * {@code /v1/admin/dead-letters} items and summary).
 */
public enum DeadLetterStatus {
    /** Given up and waiting for an operator; a filtered redrive takes it if it is redrivable. */
    OPEN,
    /** Put back into the pipeline by an operator (once). */
    REDRIVEN,
    /**
     * Dead-lettered again after a redrive: left out of filtered redrives, so that a failure that persists does not loop;
     * only a single redrive with {@code unpark} takes it.
     */
    PARKED
}

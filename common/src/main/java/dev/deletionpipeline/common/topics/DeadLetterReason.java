package dev.deletionpipeline.common.topics;

/**
 * Dead-letter reasons ({@link DeadLetterHeaders#REASON}, {@code blocks.failure_reason}) that more than one module knows
 * by name: the one that writes them, and the operators' tools, tests and summaries that read them.
 */
public enum DeadLetterReason {
    /**
     * Google answered 404 to an event's delete, and the calendar itself did not answer (404 or 403 to
     * {@code calendars.get}) for the same credential: access was lost, the delegated subject is stale or the calendar
     * mapping is wrong, so the event may well be live. The row stays; redrive once access is restored.
     */
    CALENDAR_UNREACHABLE,
    /** A worker dead letter without a reason header, as the reconciler counts it in its summary. */
    UNKNOWN
}

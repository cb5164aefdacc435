package dev.deletionpipeline.common.topics;

/**
 * Why the worker gave a deletion up: {@link DeadLetterHeaders#REASON} on {@code blocks.deletion-dead-letters.v1},
 * {@code blocks.failure_reason} and {@code dead_letters.reason}, which operators' tools, tests and summaries read back.
 * A Google answer without a name of its own is named by {@link GoogleStatus}; a record that could not be read at all by
 * a {@link PoisonReason}.
 */
public enum DeadLetterReason {
    /**
     * Google answered 404 to an event's delete, and the calendar itself did not answer (404 or 403 to
     * {@code calendars.get}) for the same credential: access was lost, the delegated subject is stale or the calendar
     * mapping is wrong, so the event may well be live. The row stays; redrive once access is restored.
     */
    CALENDAR_UNREACHABLE,
    /** Google answered 400: the request itself is wrong. */
    GOOGLE_400_BAD_REQUEST,
    /** Google answered 401 again after a token refresh. */
    GOOGLE_401_UNAUTHORIZED,
    /** Google answered 403 for another reason than a rate limit. */
    GOOGLE_403_FORBIDDEN,
    /** Google did not answer (a timeout, a connection error); retried. */
    GOOGLE_NO_ANSWER,
    /** A retried failure lasted until the attempts ran out; the detail names the last one. */
    GOOGLE_RETRIES_EXHAUSTED,
    /** The owner revoked the grant ({@code invalid_grant}). */
    GOOGLE_CREDENTIAL_REVOKED,
    /** No credential is stored for the owner. */
    GOOGLE_CREDENTIAL_MISSING,
    /** The stored credential cannot be used: it does not decrypt, or the token endpoint refuses it (another 4xx). */
    GOOGLE_CREDENTIAL_UNREADABLE,
    /** Google's token endpoint did not answer; retried. */
    GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE,
    /** A worker dead letter without a reason header, as the reconciler counts it in its summary. */
    UNKNOWN;

    /** Google's answers that have no name of their own, named by their status: {@code GOOGLE_<status>_<kind>}. */
    public enum GoogleStatus {
        /** 429, or 403 {@code rateLimitExceeded}/{@code userRateLimitExceeded}. */
        RATE_LIMITED,
        /** 5xx or 408. */
        UNAVAILABLE,
        /** Any other 4xx. */
        REJECTED;

        /** The reason for an answer with this status, e.g. {@code GOOGLE_503_UNAVAILABLE}. */
        public String reasonFor(int status) {
            return "GOOGLE_" + status + "_" + name();
        }
    }
}

package dev.deletionpipeline.worker.calendar;

import java.time.Duration;
import java.time.Instant;

/**
 * What came of one delete call, already classified.
 *
 * @param httpStatus Google's status; 0 when no answer came (timeout, connection error)
 * @param googleReason nullable: the {@code errors[0].reason} Google gave
 * @param retryAfter nullable: what Google's Retry-After asked for
 * @param failureReason nullable on success: a stable name of the failure, e.g. {@code GOOGLE_403_FORBIDDEN}; it
 *     becomes the dead-letter reason of a failure that is not retried
 * @param detail nullable: human-readable, never a token
 */
public record GoogleAnswer(
        Verdict verdict,
        int httpStatus,
        String googleReason,
        Duration retryAfter,
        String failureReason,
        String detail,
        Instant answeredAt) {

    /** The four ways the worker treats an answer, plus 401, which the deleter resolves before anyone sees it. */
    public enum Verdict {
        /** 204: Google deleted the event. */
        DELETED,
        /** 410, or 404 while the calendar still answers for the same credential: the event was already gone; success. */
        ALREADY_GONE,
        /** 5xx, timeouts, connection errors: try again later. */
        RETRY,
        /** 429, 403 rateLimitExceeded/userRateLimitExceeded: try again later, and slow down for this owner. */
        RATE_LIMITED,
        /** 401: refresh the credential once and call again. */
        UNAUTHORIZED,
        /** 400, other 403s, other 4xx, a revoked credential: do not retry; dead-letter with the reason. */
        REJECTED
    }

    public boolean gone() {
        return verdict == Verdict.DELETED || verdict == Verdict.ALREADY_GONE;
    }

    public boolean retryable() {
        return verdict == Verdict.RETRY || verdict == Verdict.RATE_LIMITED;
    }

    /** This answer, turned into a failure that is not retried. */
    public GoogleAnswer rejected(String reason, String why) {
        return new GoogleAnswer(Verdict.REJECTED, httpStatus, googleReason, null, reason, why, answeredAt);
    }
}

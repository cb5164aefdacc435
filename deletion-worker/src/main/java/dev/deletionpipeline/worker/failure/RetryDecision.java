package dev.deletionpipeline.worker.failure;

import java.time.Instant;

/**
 * What to do after a failed attempt: try again at {@code retryAt}, or give up with a dead-letter reason.
 *
 * @param retryAt nullable: null when giving up
 * @param reason nullable: the dead-letter reason when giving up
 */
public record RetryDecision(Instant retryAt, String reason, String detail) {

    static RetryDecision retryAt(Instant at) {
        return new RetryDecision(at, null, null);
    }

    static RetryDecision giveUp(String reason, String detail) {
        return new RetryDecision(null, reason, detail);
    }

    public boolean givesUp() {
        return retryAt == null;
    }
}

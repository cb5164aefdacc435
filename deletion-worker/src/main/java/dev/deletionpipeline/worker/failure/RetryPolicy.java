package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounded retries with exponential back-off and jitter, never sooner than Google's Retry-After. A failure Google
 * will not take back (rejected, revoked credential) is given up at once. Pure: the random draw is passed in.
 */
final class RetryPolicy {

    /** {@code deletion.worker.retry.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.retry")
    record RetrySettings(
            @Positive int maxAttempts,
            @PositiveDuration Duration initialBackoff,
            @DecimalMin("1.0") double multiplier,
            @PositiveDuration Duration maxBackoff,
            @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
            @PositiveDuration Duration maxRetryAfter) {}

    /**
     * What to do after a failed attempt: try again at {@code retryAt}, or give up with a dead-letter reason.
     *
     * @param retryAt nullable: null when giving up
     * @param reason nullable: the dead-letter reason when giving up
     */
    record Decision(Instant retryAt, String reason, String detail) {

        boolean givesUp() {
            return retryAt == null;
        }
    }

    private final RetrySettings settings;

    RetryPolicy(RetrySettings settings) {
        this.settings = settings;
    }

    /**
     * @param attempts Google attempts made so far, the failed one included
     * @param random a draw from {@code [0, 1)} for the jitter
     */
    Decision decide(int attempts, GoogleAnswer answer, Instant now, double random) {
        if (!answer.retryable()) {
            return new Decision(null, answer.failureReason(), answer.detail());
        }
        if (attempts >= settings.maxAttempts()) {
            return new Decision(
                    null,
                    DeadLetterReason.GOOGLE_RETRIES_EXHAUSTED.name(),
                    "gave up after " + attempts + " attempts; last: " + answer.failureReason() + " (" + answer.detail()
                            + ")");
        }
        Duration wait = backoff(attempts, random);
        if (answer.retryAfter() != null) {
            Duration asked = min(answer.retryAfter(), settings.maxRetryAfter());
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return new Decision(now.plus(wait), null, null);
    }

    /** {@code initial × multiplier^(attempts-1)}, capped, then spread by ±jitter. */
    Duration backoff(int attempts, double random) {
        double base = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), Math.max(0, attempts - 1));
        double capped = Math.min(base, settings.maxBackoff().toMillis());
        double spread = 1 + settings.jitter() * (2 * random - 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped * spread)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

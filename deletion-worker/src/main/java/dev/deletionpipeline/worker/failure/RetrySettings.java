package dev.deletionpipeline.worker.failure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed Google calls are retried.
 *
 * @param maxAttempts Google attempts per deletion before it is dead-lettered
 * @param initialBackoff wait after the first failure
 * @param multiplier growth of the wait per further failure
 * @param maxBackoff the longest computed wait
 * @param jitter random spread of each wait, as a fraction (0.2 = ±20 %), so retries of a burst do not align
 * @param maxRetryAfter the longest Retry-After honoured (a longer one is cut to this)
 */
@ConfigurationProperties("deletion.worker.retry")
public record RetrySettings(
        int maxAttempts,
        Duration initialBackoff,
        double multiplier,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter) {}

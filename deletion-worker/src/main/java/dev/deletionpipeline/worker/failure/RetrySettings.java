package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("deletion.worker.retry")
record RetrySettings(
        @Positive int maxAttempts,
        @PositiveDuration Duration initialBackoff,
        @DecimalMin("1.0") double multiplier,
        @PositiveDuration Duration maxBackoff,
        @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
        @PositiveDuration Duration maxRetryAfter) {}

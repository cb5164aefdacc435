package dev.deletionpipeline.worker.ratelimit;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Google's quotas as the worker keeps them.
 *
 * @param perOwnerPerMinute calls per owner per minute (Google: 600 per user)
 * @param perProjectPerMinute calls per minute for the whole project (Google: 10,000)
 * @param refreshPeriod how often permits are handed out; smaller spreads calls more evenly over the minute
 * @param initialSlowDown how long an owner pauses after a rate-limit answer without Retry-After
 * @param maxSlowDown the longest pause after repeated rate-limit answers (doubling from the initial one)
 * @param ownerIdleEviction an owner's limiter and pause are forgotten once it made no call for this long (after the end
 *     of its pause); at least the limiter's refresh period
 * @param maxTrackedOwners at most this many owners' limiters are kept; the least recently seen go first
 */
@Validated
@ConfigurationProperties("deletion.worker.rate-limit")
public record RateLimitSettings(
        @Positive int perOwnerPerMinute,
        @Positive int perProjectPerMinute,
        @PositiveDuration Duration refreshPeriod,
        @PositiveDuration Duration initialSlowDown,
        @PositiveDuration Duration maxSlowDown,
        @PositiveDuration Duration ownerIdleEviction,
        @Positive int maxTrackedOwners) {}

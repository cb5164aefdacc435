package dev.deletionpipeline.worker.ratelimit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
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

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration refreshPeriod,

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration initialSlowDown,

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration maxSlowDown,

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration ownerIdleEviction,

        @Positive int maxTrackedOwners) {}

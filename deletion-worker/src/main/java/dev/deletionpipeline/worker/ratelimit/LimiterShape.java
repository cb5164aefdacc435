package dev.deletionpipeline.worker.ratelimit;

import java.time.Duration;

/**
 * A per-minute quota as a token bucket refilled every period: 600/min with a 1 s period is 10 permits per second, so
 * calls spread over the minute instead of bursting at its start. Quotas under one per period get a longer period.
 */
record LimiterShape(int permitsPerPeriod, Duration period) {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    static LimiterShape of(int perMinute, Duration refreshPeriod) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("a rate limit must be positive");
        }
        long permits = perMinute * refreshPeriod.toNanos() / MINUTE.toNanos();
        if (permits >= 1) {
            return new LimiterShape((int) permits, refreshPeriod);
        }
        return new LimiterShape(1, MINUTE.dividedBy(perMinute));
    }

    /** When the {@code index}-th (0-based) of the calls that found no permit now may expect one. */
    Duration waitFor(int index) {
        return period.multipliedBy(1L + index / permitsPerPeriod);
    }
}

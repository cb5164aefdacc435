package dev.deletionpipeline.worker.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The per-owner state of {@link QuotaGate} — a rate limiter and the pause after a rate-limit answer — kept only for
 * owners seen lately, so that it does not grow by one entry per owner ever seen: an owner idle for longer than {@code
 * idleEviction} (counted from the end of its pause, if it is paused) is forgotten, and at most {@code maxOwners} are
 * kept. A forgotten owner starts again with a full limiter, which is what its old one would have after that long.
 * Time comes from the injected clock, so tests move it.
 */
final class OwnerLimits {

    /** An owner's limiter and, when Google asked it to slow down, its pause; replaced whole on every change. */
    record OwnerLimit(RateLimiter limiter, Pause pause) {

        OwnerLimit withPause(Pause newPause) {
            return new OwnerLimit(limiter, newPause);
        }
    }

    record Pause(Instant until, int strikes) {}

    private final Cache<UUID, OwnerLimit> owners;
    private final RateLimiterConfig limiterConfig;

    OwnerLimits(RateLimiterConfig limiterConfig, Duration idleEviction, int maxOwners, Clock clock) {
        this.limiterConfig = limiterConfig;
        this.owners = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new IdleAfterPause(idleEviction.toNanos()))
                .maximumSize(maxOwners)
                // evict on the calling thread: no pool thread of its own, and deterministic in tests
                .executor(Runnable::run)
                .build();
    }

    OwnerLimit get(UUID ownerId) {
        return owners.get(ownerId, this::fresh);
    }

    /** Applies a change to the owner's state, creating it if it is not kept (any more). */
    void update(UUID ownerId, UnaryOperator<OwnerLimit> change) {
        owners.asMap().compute(ownerId, (id, current) -> change.apply(current == null ? fresh(id) : current));
    }

    /** Ends the owner's pause if it has one; an owner not kept stays not kept. */
    void endPause(UUID ownerId) {
        owners.asMap()
                .computeIfPresent(
                        ownerId, (id, current) -> current.pause() == null ? current : current.withPause(null));
    }

    /** How many owners are kept now, after evicting those that expired. */
    long size() {
        owners.cleanUp();
        return owners.estimatedSize();
    }

    private OwnerLimit fresh(UUID ownerId) {
        return new OwnerLimit(RateLimiter.of("google-owner-" + ownerId, limiterConfig), null);
    }

    /**
     * Expires an owner {@code idle} after its last use or, when paused, after the end of its pause. The ticker's
     * nanoseconds are the clock's epoch milliseconds, so they compare with the pause's instant.
     */
    private record IdleAfterPause(long idleNanos) implements Expiry<UUID, OwnerLimit> {

        @Override
        public long expireAfterCreate(UUID ownerId, OwnerLimit limit, long now) {
            return idleNanos + pauseLeft(limit, now);
        }

        @Override
        public long expireAfterUpdate(UUID ownerId, OwnerLimit limit, long now, long currentDuration) {
            return idleNanos + pauseLeft(limit, now);
        }

        @Override
        public long expireAfterRead(UUID ownerId, OwnerLimit limit, long now, long currentDuration) {
            return idleNanos + pauseLeft(limit, now);
        }

        private static long pauseLeft(OwnerLimit limit, long now) {
            if (limit.pause() == null) {
                return 0;
            }
            long until = TimeUnit.MILLISECONDS.toNanos(limit.pause().until().toEpochMilli());
            return Math.max(0, until - now);
        }
    }
}

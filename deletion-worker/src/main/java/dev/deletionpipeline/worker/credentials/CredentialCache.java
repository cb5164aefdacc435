package dev.deletionpipeline.worker.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps owners' credentials (and with them their access tokens) for a while, so that a bulk purge does not fetch a
 * token per call. A credential is read again from the database after {@code ttl}, or once its access token is within
 * {@code tokenMargin} of its expiry, whichever comes first — so no token is kept in memory past its use, and a rotated
 * or revoked stored credential is noticed. Bounded: when full, Caffeine drops the owners least likely to be used
 * again, one by one. Time comes from the injected clock.
 */
final class CredentialCache {

    private final Cache<UUID, GoogleAuthCredential> entries;
    private final Duration tokenMargin;
    private final Clock clock;

    CredentialCache(int capacity, Duration ttl, Duration tokenMargin, Clock clock) {
        this.tokenMargin = tokenMargin;
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(capacity)
                .expireAfter(new UntilTokenExpiry(ttl.toNanos(), tokenMargin.toNanos()))
                // evict on the calling thread: no pool thread of its own, and deterministic in tests
                .executor(Runnable::run)
                .build();
    }

    /** The owner's cached credential, or a freshly loaded one; a loader's exception propagates and nothing is kept. */
    OwnerCredential get(UUID ownerId, Function<UUID, GoogleAuthCredential> loader) {
        GoogleAuthCredential cached = entries.get(ownerId, loader);
        if (!expiresSoon(cached)) {
            return cached;
        }
        // its token was fetched after the entry's expiry was last computed: drop it now rather than on the next read
        entries.asMap().remove(ownerId, cached);
        return entries.get(ownerId, loader);
    }

    /** How many owners are kept now, after evicting what expired or did not fit. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private boolean expiresSoon(GoogleAuthCredential credential) {
        Instant tokenExpiry = credential.accessTokenExpiry();
        return tokenExpiry != null && !tokenExpiry.minus(tokenMargin).isAfter(clock.instant());
    }

    /**
     * An entry lives {@code ttl} from its load, cut short to its access token's expiry minus the margin as soon as the
     * token is known (it is fetched on first use, after the load). The ticker's nanoseconds are the clock's epoch
     * milliseconds, so they compare with the token's expiry.
     */
    private record UntilTokenExpiry(long ttlNanos, long marginNanos) implements Expiry<UUID, GoogleAuthCredential> {

        @Override
        public long expireAfterCreate(UUID owner, GoogleAuthCredential credential, long now) {
            return cappedByToken(credential, ttlNanos, now);
        }

        @Override
        public long expireAfterUpdate(UUID owner, GoogleAuthCredential credential, long now, long remaining) {
            return cappedByToken(credential, ttlNanos, now);
        }

        @Override
        public long expireAfterRead(UUID owner, GoogleAuthCredential credential, long now, long remaining) {
            return cappedByToken(credential, remaining, now);
        }

        private long cappedByToken(GoogleAuthCredential credential, long limit, long now) {
            Instant tokenExpiry = credential.accessTokenExpiry();
            if (tokenExpiry == null) {
                return limit;
            }
            long untilRefresh = TimeUnit.MILLISECONDS.toNanos(tokenExpiry.toEpochMilli()) - marginNanos - now;
            return Math.max(0, Math.min(limit, untilRefresh));
        }
    }
}

package dev.deletionpipeline.worker.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps owners' credentials (and with them their access tokens) for a while, so that a bulk purge does not fetch a
 * token per call. Bounded: when full it starts over, which costs one token request per owner.
 */
final class CredentialCache {

    private record Entry(OwnerCredential credential, Instant loadedAt) {}

    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration ttl;
    private final Clock clock;

    CredentialCache(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    OwnerCredential get(UUID ownerId, Function<UUID, OwnerCredential> loader) {
        Instant now = clock.instant();
        Entry entry = entries.get(ownerId);
        if (entry != null && entry.loadedAt().plus(ttl).isAfter(now)) {
            return entry.credential();
        }
        if (entries.size() >= capacity) {
            entries.clear();
        }
        OwnerCredential credential = loader.apply(ownerId);
        entries.put(ownerId, new Entry(credential, now));
        return credential;
    }
}

package dev.deletionpipeline.worker.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.worker.TestClock;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.CredentialException;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import dev.deletionpipeline.worker.credentials.StoredCredentials.CredentialCache;
import dev.deletionpipeline.worker.credentials.StoredCredentials.GoogleAuthCredential;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Owners' credentials are kept up to the TTL or their token's expiry minus the margin, and a full cache drops few. */
class CredentialCacheTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final TestClock clock = new TestClock();
    private final AtomicInteger loads = new AtomicInteger();
    private final UUID owner = UUID.randomUUID();

    @Test
    void credentialIsLoadedOnceAndKeptUntilTheTtlEnds() {
        CredentialCache cache = new CredentialCache(10, TTL, MARGIN, clock);
        Function<UUID, GoogleAuthCredential> loader = withToken(Duration.ofHours(2));

        OwnerCredential first = cache.get(owner, loader);
        clock.advance(TTL.minusMinutes(1));
        assertThat(cache.get(owner, loader)).isSameAs(first);
        clock.advance(Duration.ofMinutes(2));

        assertThat(cache.get(owner, loader)).isNotSameAs(first);
        assertThat(loads).hasValue(2);
    }

    @Test
    void credentialIsLoadedAgainOnceItsTokenIsWithinTheMarginOfItsExpiry() {
        CredentialCache cache = new CredentialCache(10, TTL, MARGIN, clock);
        Function<UUID, GoogleAuthCredential> loader = withToken(Duration.ofMinutes(15));

        OwnerCredential first = cache.get(owner, loader);
        clock.advance(Duration.ofMinutes(9));
        assertThat(cache.get(owner, loader)).isSameAs(first);
        clock.advance(Duration.ofMinutes(2));

        assertThat(cache.get(owner, loader)).isNotSameAs(first);
        assertThat(loads).hasValue(2);
    }

    @Test
    void credentialWhoseTokenIsNotFetchedYetIsKeptForTheTtl() {
        CredentialCache cache = new CredentialCache(10, TTL, MARGIN, clock);
        Function<UUID, GoogleAuthCredential> loader = id -> {
            loads.incrementAndGet();
            return new GoogleAuthCredential(OAuth2Credentials.create(null));
        };

        OwnerCredential first = cache.get(owner, loader);
        clock.advance(TTL.minusMinutes(1));

        assertThat(cache.get(owner, loader)).isSameAs(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void fullCacheDropsSingleOwnersInsteadOfStartingOver() {
        CredentialCache cache = new CredentialCache(100, TTL, MARGIN, clock);
        Function<UUID, GoogleAuthCredential> loader = withToken(Duration.ofHours(1));

        IntStream.range(0, 250).forEach(i -> cache.get(UUID.randomUUID(), loader));

        assertThat(cache.size()).isEqualTo(100);
    }

    @Test
    void failedLoadPropagatesAndIsNotKept() {
        CredentialCache cache = new CredentialCache(10, TTL, MARGIN, clock);
        Function<UUID, GoogleAuthCredential> missing = id -> {
            loads.incrementAndGet();
            throw new CredentialException(DeadLetterReason.GOOGLE_CREDENTIAL_MISSING, "no credential");
        };

        assertThatThrownBy(() -> cache.get(owner, missing)).isInstanceOf(CredentialException.class);
        OwnerCredential loaded = cache.get(owner, withToken(Duration.ofHours(1)));

        assertThat(loaded).isNotNull();
        assertThat(loads).hasValue(2);
    }

    private Function<UUID, GoogleAuthCredential> withToken(Duration lifetime) {
        return id -> {
            loads.incrementAndGet();
            Date expiry = Date.from(clock.instant().plus(lifetime));
            return new GoogleAuthCredential(OAuth2Credentials.create(new AccessToken("token-" + id, expiry)));
        };
    }
}

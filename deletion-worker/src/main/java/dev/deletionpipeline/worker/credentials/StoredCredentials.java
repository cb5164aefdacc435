package dev.deletionpipeline.worker.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.services.calendar.CalendarScopes;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.security.LocalOnlySettingGuard;
import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The owners' credentials of the configured {@link CredentialsMode}: none ({@code NONE}, the local stand-in), or those
 * stored in {@code google_credentials} (read only: the worker never writes it), cached in a {@link CredentialCache}:
 *
 * <ul>
 *   <li>{@code OAUTH_REFRESH_TOKEN}: the owner's refresh token (kind {@code OAUTH_REFRESH_TOKEN}), decrypted with the
 *       {@link RefreshTokenCipher} and exchanged at the configured token endpoint for access tokens;
 *   <li>{@code SERVICE_ACCOUNT}: one service account with domain-wide delegation impersonates the owner's Google user
 *       ({@code subject}, kind {@code SERVICE_ACCOUNT_DELEGATION}): google-auth-library signs a JWT-bearer assertion
 *       with {@code sub} = that user and exchanges it at the configured token endpoint. The key is read once at start
 *       and never logged.
 * </ul>
 */
@Component
final class StoredCredentials implements OwnerCredentials {

    private static final String REFRESH_TOKEN_KIND = "OAUTH_REFRESH_TOKEN";
    private static final String DELEGATION_KIND = "SERVICE_ACCOUNT_DELEGATION";

    /**
     * Refuses to start with {@link CredentialsMode#NONE} unless the {@code local} profile is active: Google calls without a
     * credential only work against the stand-in, and against Google every delete would fail or, worse, a 404 could not be
     * told apart from lost access.
     */
    @Component
    static class CredentialsModeGuard extends LocalOnlySettingGuard {

        static final String SETTING = "deletion.worker.credentials.mode";

        @Override
        protected Optional<String> problemOutsideLocal(Environment environment) {
            CredentialsMode mode =
                    Binder.get(environment).bind(SETTING, CredentialsMode.class).orElse(CredentialsMode.NONE);
            if (mode != CredentialsMode.NONE) {
                return Optional.empty();
            }
            return Optional.of(
                    SETTING + " (GOOGLE_CREDENTIALS_MODE) is NONE, which only the local stand-in accepts; set"
                            + " OAUTH_REFRESH_TOKEN or SERVICE_ACCOUNT, or activate the 'local' profile for a development run.");
        }
    }

    /** {@code deletion.worker.credentials.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.credentials")
    record CredentialsSettings(
            @NotNull CredentialsMode mode,
            @NotBlank String tokenUrl,
            String clientId,
            String clientSecret,
            String encryptionKey,
            String serviceAccountKeyFile,
            @Positive int cacheSize,
            @PositiveDuration Duration cacheTtl,
            @NotNull @DurationMin(seconds = 0) Duration tokenExpiryMargin) {}

    /** How the worker authenticates its Google calls: each mode is described above. */
    enum CredentialsMode {
        NONE,
        OAUTH_REFRESH_TOKEN,
        SERVICE_ACCOUNT
    }

    /** One owner's stored credential; the refresh token is still encrypted. */
    private record Row(String kind, String subject, byte[] refreshTokenEncrypted) {}

    private final JdbcClient jdbc;
    private final CredentialsSettings settings;
    private final HttpTransport transport;
    private final CredentialCache cache;
    private final RefreshTokenCipher cipher;
    private final ServiceAccountCredentials serviceAccount;

    StoredCredentials(JdbcClient jdbc, CredentialsSettings settings, HttpTransport transport, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.transport = transport;
        this.cache =
                new CredentialCache(settings.cacheSize(), settings.cacheTtl(), settings.tokenExpiryMargin(), clock);
        boolean refreshTokens = settings.mode() == CredentialsMode.OAUTH_REFRESH_TOKEN;
        this.cipher = refreshTokens ? RefreshTokenCipher.fromBase64(settings.encryptionKey()) : null;
        this.serviceAccount = settings.mode() == CredentialsMode.SERVICE_ACCOUNT ? readKey(settings, transport) : null;
    }

    @Override
    public OwnerCredential forOwner(UUID ownerId) {
        return switch (settings.mode()) {
            case NONE -> OwnerCredential.NONE;
            case OAUTH_REFRESH_TOKEN -> cache.get(ownerId, this::withRefreshToken);
            case SERVICE_ACCOUNT -> cache.get(ownerId, this::delegated);
        };
    }

    private GoogleAuthCredential withRefreshToken(UUID ownerId) {
        Row row = stored(ownerId, REFRESH_TOKEN_KIND, "no OAuth2 refresh token stored for the owner");
        try {
            return new GoogleAuthCredential(UserCredentials.newBuilder()
                    .setClientId(settings.clientId())
                    .setClientSecret(settings.clientSecret())
                    .setRefreshToken(cipher.decrypt(ownerId, row.refreshTokenEncrypted()))
                    .setTokenServerUri(URI.create(settings.tokenUrl()))
                    .setHttpTransportFactory(() -> transport)
                    .build());
        } catch (GeneralSecurityException e) {
            throw new CredentialException(
                    DeadLetterReason.GOOGLE_CREDENTIAL_UNREADABLE,
                    "stored refresh token does not decrypt with the key");
        }
    }

    private GoogleAuthCredential delegated(UUID ownerId) {
        String subject = stored(ownerId, DELEGATION_KIND, "no delegation subject stored for the owner")
                .subject();
        return new GoogleAuthCredential(
                serviceAccount.createScoped(List.of(CalendarScopes.CALENDAR)).createDelegated(subject));
    }

    /** The owner's row of this kind with its secret part (refresh token or subject) set. */
    private Row stored(UUID ownerId, String kind, String missing) {
        return jdbc.sql("select kind, subject, refresh_token_encrypted from google_credentials where owner_id = :owner")
                .param("owner", ownerId)
                .query((row, n) -> new Row(
                        row.getString("kind"), row.getString("subject"), row.getBytes("refresh_token_encrypted")))
                .optional()
                .filter(row -> kind.equals(row.kind())
                        && (kind.equals(DELEGATION_KIND) ? row.subject() != null : row.refreshTokenEncrypted() != null))
                .orElseThrow(() -> new CredentialException(DeadLetterReason.GOOGLE_CREDENTIAL_MISSING, missing));
    }

    private static ServiceAccountCredentials readKey(CredentialsSettings settings, HttpTransport transport) {
        if (!StringUtils.hasText(settings.serviceAccountKeyFile())) {
            throw new IllegalStateException("deletion.worker.credentials.service-account-key-file is required");
        }
        try (InputStream key = Files.newInputStream(Path.of(settings.serviceAccountKeyFile()))) {
            return ServiceAccountCredentials.fromStream(key, () -> transport).toBuilder()
                    .setTokenServerUri(URI.create(settings.tokenUrl()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service account key", e);
        }
    }

    /**
     * An owner credential backed by google-auth-library (a user's refresh token, or a delegated service account): it
     * caches the access token until it expires and fetches a new one on demand. The token only goes into the header.
     */
    static final class GoogleAuthCredential implements OwnerCredential {

        private static final Pattern ERROR_CODE = Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z_]+)\"");

        private final OAuth2Credentials credentials;

        GoogleAuthCredential(OAuth2Credentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public void authorize(HttpHeaders headers) {
            try {
                credentials.refreshIfExpired();
            } catch (IOException e) {
                throw classify(e);
            }
            headers.setAuthorization("Bearer " + credentials.getAccessToken().getTokenValue());
        }

        @Override
        public void refresh() {
            try {
                credentials.refresh();
            } catch (IOException e) {
                throw classify(e);
            }
        }

        /** When the current access token expires; null before the first token was fetched or when Google gave none. */
        Instant accessTokenExpiry() {
            AccessToken token = credentials.getAccessToken();
            return token == null || token.getExpirationTime() == null
                    ? null
                    : token.getExpirationTime().toInstant();
        }

        /**
         * A failed token request as a {@link CredentialException}: {@code invalid_grant} means the owner revoked access
         * (permanent), other 4xx answers mean our client or credential is wrong (permanent), anything else is the
         * endpoint being unavailable (retry). Only the OAuth2 error code is kept, never the response body.
         */
        private static CredentialException classify(IOException failure) {
            HttpResponseException answer = answerIn(failure);
            if (answer == null) {
                return new CredentialException(
                        DeadLetterReason.GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE,
                        "token endpoint unreachable: " + failure.getClass().getSimpleName());
            }
            Matcher code = ERROR_CODE.matcher(answer.getContent() == null ? "" : answer.getContent());
            String error = code.find() ? code.group(1) : null;
            String detail = "token endpoint answered " + answer.getStatusCode() + (error == null ? "" : " " + error);
            if ("invalid_grant".equals(error)) {
                return new CredentialException(DeadLetterReason.GOOGLE_CREDENTIAL_REVOKED, detail);
            }
            boolean refused = answer.getStatusCode() >= 400 && answer.getStatusCode() < 500;
            return new CredentialException(
                    refused
                            ? DeadLetterReason.GOOGLE_CREDENTIAL_UNREADABLE
                            : DeadLetterReason.GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE,
                    detail);
        }

        private static HttpResponseException answerIn(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof HttpResponseException answer) {
                    return answer;
                }
            }
            return null;
        }
    }

    /**
     * Keeps owners' credentials (and with them their access tokens) for a while, so that a bulk purge does not fetch a
     * token per call. A credential is read again from the database after {@code ttl}, or once its access token is
     * within {@code tokenMargin} of its expiry, whichever comes first — so no token is kept in memory past its use, and
     * a rotated or revoked stored credential is noticed. Bounded: when full, Caffeine drops the owners least likely to
     * be used again, one by one.
     *
     * <p>An entry lives {@code ttl} from its load, cut short to its access token's expiry minus the margin as soon as
     * the token is known (it is fetched on first use, after the load). The ticker's nanoseconds are the clock's epoch
     * milliseconds, so they compare with the token's expiry.
     */
    static final class CredentialCache implements Expiry<UUID, GoogleAuthCredential> {

        private final Cache<UUID, GoogleAuthCredential> entries;
        private final Duration ttl;
        private final Duration tokenMargin;
        private final Clock clock;

        CredentialCache(int capacity, Duration ttl, Duration tokenMargin, Clock clock) {
            this.ttl = ttl;
            this.tokenMargin = tokenMargin;
            this.clock = clock;
            this.entries = Caffeine.newBuilder()
                    .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                    .maximumSize(capacity)
                    .expireAfter(this)
                    // evict on the calling thread: no pool thread of its own, and deterministic in tests
                    .executor(Runnable::run)
                    .build();
        }

        /** The owner's cached credential, or a freshly loaded one; a loader's exception propagates, nothing is kept. */
        OwnerCredential get(UUID ownerId, Function<UUID, GoogleAuthCredential> loader) {
            GoogleAuthCredential cached = entries.get(ownerId, loader);
            Instant tokenExpiry = cached.accessTokenExpiry();
            if (tokenExpiry == null || tokenExpiry.minus(tokenMargin).isAfter(clock.instant())) {
                return cached;
            }
            // its token was fetched after the entry's expiry was last computed: drop it now, not on the next read
            entries.asMap().remove(ownerId, cached);
            return entries.get(ownerId, loader);
        }

        /** How many owners are kept now, after evicting what expired or did not fit. */
        long size() {
            entries.cleanUp();
            return entries.estimatedSize();
        }

        @Override
        public long expireAfterCreate(UUID owner, GoogleAuthCredential credential, long now) {
            return cappedByToken(credential, ttl.toNanos(), now);
        }

        @Override
        public long expireAfterUpdate(UUID owner, GoogleAuthCredential credential, long now, long remaining) {
            return cappedByToken(credential, ttl.toNanos(), now);
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
            long untilRefresh = TimeUnit.MILLISECONDS.toNanos(tokenExpiry.toEpochMilli()) - tokenMargin.toNanos() - now;
            return Math.max(0, Math.min(limit, untilRefresh));
        }
    }
}

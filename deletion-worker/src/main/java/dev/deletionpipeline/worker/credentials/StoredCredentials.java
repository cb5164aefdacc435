package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpTransport;
import com.google.api.services.calendar.CalendarScopes;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.worker.credentials.CredentialsConfiguration.CredentialsMode;
import dev.deletionpipeline.worker.credentials.CredentialsConfiguration.CredentialsSettings;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owners' credentials stored in {@code google_credentials} (read only: the worker never writes it), cached in a
 * {@link CredentialCache}:
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
final class StoredCredentials implements OwnerCredentials {

    private static final String REFRESH_TOKEN_KIND = "OAUTH_REFRESH_TOKEN";
    private static final String DELEGATION_KIND = "SERVICE_ACCOUNT_DELEGATION";

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
        boolean delegation = settings.mode() == CredentialsMode.SERVICE_ACCOUNT;
        this.cipher = delegation ? null : RefreshTokenCipher.fromBase64(settings.encryptionKey());
        this.serviceAccount = delegation ? readKey(settings, transport) : null;
    }

    @Override
    public OwnerCredential forOwner(UUID ownerId) {
        return cache.get(ownerId, serviceAccount != null ? this::delegated : this::withRefreshToken);
    }

    private GoogleAuthCredential withRefreshToken(UUID ownerId) {
        Row row = stored(ownerId, REFRESH_TOKEN_KIND, "no OAuth2 refresh token stored for the owner");
        String refreshToken;
        try {
            refreshToken = cipher.decrypt(ownerId, row.refreshTokenEncrypted());
        } catch (GeneralSecurityException e) {
            throw new CredentialException(
                    DeadLetterReason.GOOGLE_CREDENTIAL_UNREADABLE,
                    "stored refresh token does not decrypt with the key",
                    true,
                    null);
        }
        return new GoogleAuthCredential(UserCredentials.newBuilder()
                .setClientId(settings.clientId())
                .setClientSecret(settings.clientSecret())
                .setRefreshToken(refreshToken)
                .setTokenServerUri(URI.create(settings.tokenUrl()))
                .setHttpTransportFactory(() -> transport)
                .build());
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
                .orElseThrow(
                        () -> new CredentialException(DeadLetterReason.GOOGLE_CREDENTIAL_MISSING, missing, true, null));
    }

    private static ServiceAccountCredentials readKey(CredentialsSettings settings, HttpTransport transport) {
        if (settings.serviceAccountKeyFile() == null
                || settings.serviceAccountKeyFile().isBlank()) {
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
}

package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.UserCredentials;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.UUID;

/**
 * Mode {@code OAUTH_REFRESH_TOKEN}: each owner's refresh token, decrypted from {@code google_credentials} and exchanged
 * at the configured token endpoint for access tokens.
 */
final class RefreshTokenCredentials implements OwnerCredentials {

    private static final String KIND = "OAUTH_REFRESH_TOKEN";

    private final StoredCredentials stored;
    private final RefreshTokenCipher cipher;
    private final CredentialsSettings settings;
    private final HttpTransport transport;
    private final CredentialCache cache;

    RefreshTokenCredentials(
            StoredCredentials stored, CredentialsSettings settings, HttpTransport transport, Clock clock) {
        this.stored = stored;
        this.cipher = RefreshTokenCipher.fromBase64(settings.encryptionKey());
        this.settings = settings;
        this.transport = transport;
        this.cache =
                new CredentialCache(settings.cacheSize(), settings.cacheTtl(), settings.tokenExpiryMargin(), clock);
    }

    @Override
    public OwnerCredential forOwner(UUID ownerId) {
        return cache.get(ownerId, this::load);
    }

    private GoogleAuthCredential load(UUID ownerId) {
        StoredCredentials.Row row = stored.find(ownerId)
                .filter(r -> KIND.equals(r.kind()) && r.refreshTokenEncrypted() != null)
                .orElseThrow(() -> new CredentialException(
                        DeadLetterReason.GOOGLE_CREDENTIAL_MISSING,
                        "no OAuth2 refresh token stored for the owner",
                        true,
                        null));
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
}

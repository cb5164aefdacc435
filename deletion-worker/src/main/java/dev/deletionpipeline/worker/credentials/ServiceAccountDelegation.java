package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpTransport;
import com.google.api.services.calendar.CalendarScopes;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Mode {@code SERVICE_ACCOUNT}: one service account with domain-wide delegation impersonates each owner's Google user
 * ({@code google_credentials.subject}, kind {@code SERVICE_ACCOUNT_DELEGATION}): google-auth-library signs a JWT-bearer
 * assertion with {@code sub} = that user and exchanges it at the configured token endpoint. The key is read once at
 * start and never logged.
 */
final class ServiceAccountDelegation implements OwnerCredentials {

    private static final String KIND = "SERVICE_ACCOUNT_DELEGATION";

    private final StoredCredentials stored;
    private final ServiceAccountCredentials serviceAccount;
    private final CredentialCache cache;

    ServiceAccountDelegation(
            StoredCredentials stored, CredentialsSettings settings, HttpTransport transport, Clock clock) {
        this.stored = stored;
        this.serviceAccount = readKey(settings, transport);
        this.cache =
                new CredentialCache(settings.cacheSize(), settings.cacheTtl(), settings.tokenExpiryMargin(), clock);
    }

    @Override
    public OwnerCredential forOwner(UUID ownerId) {
        return cache.get(ownerId, this::load);
    }

    private GoogleAuthCredential load(UUID ownerId) {
        String subject = stored.find(ownerId)
                .filter(row -> KIND.equals(row.kind()) && row.subject() != null)
                .map(StoredCredentials.Row::subject)
                .orElseThrow(() -> new CredentialException(
                        DeadLetterReason.GOOGLE_CREDENTIAL_MISSING,
                        "no delegation subject stored for the owner",
                        true,
                        null));
        return new GoogleAuthCredential(
                serviceAccount.createScoped(List.of(CalendarScopes.CALENDAR)).createDelegated(subject));
    }

    private static ServiceAccountCredentials readKey(CredentialsSettings settings, HttpTransport transport) {
        if (settings.serviceAccountKeyFile() == null
                || settings.serviceAccountKeyFile().isBlank()) {
            throw new IllegalStateException("deletion.worker.credentials.service-account-key-file is required");
        }
        try (InputStream key = Files.newInputStream(Path.of(settings.serviceAccountKeyFile()))) {
            ServiceAccountCredentials credentials = ServiceAccountCredentials.fromStream(key, () -> transport);
            if (settings.tokenUrl() == null || settings.tokenUrl().isBlank()) {
                return credentials;
            }
            return credentials.toBuilder()
                    .setTokenServerUri(URI.create(settings.tokenUrl()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service account key", e);
        }
    }
}

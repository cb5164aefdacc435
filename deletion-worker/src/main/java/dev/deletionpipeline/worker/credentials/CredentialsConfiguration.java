package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpTransport;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link OwnerCredentials} of the configured {@link CredentialsMode}. */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    @Bean
    OwnerCredentials ownerCredentials(
            CredentialsSettings settings, StoredCredentials stored, HttpTransport googleTransport, Clock clock) {
        return switch (settings.mode()) {
            case NONE -> new NoCredentials();
            case OAUTH_REFRESH_TOKEN -> new RefreshTokenCredentials(stored, settings, googleTransport, clock);
            case SERVICE_ACCOUNT -> new ServiceAccountDelegation(stored, settings, googleTransport, clock);
        };
    }
}

package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpTransport;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses the {@link OwnerCredentials} of the configured {@link CredentialsMode}. */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    @Bean
    OwnerCredentials ownerCredentials(
            CredentialsSettings settings, JdbcClient jdbc, HttpTransport googleTransport, Clock clock) {
        return settings.mode() == CredentialsMode.NONE
                ? new NoCredentials()
                : new StoredCredentials(jdbc, settings, googleTransport, clock);
    }

    /** Mode {@code NONE}: calls go without an Authorization header, for the local stand-in without auth. */
    static final class NoCredentials implements OwnerCredentials, OwnerCredential {

        @Override
        public OwnerCredential forOwner(UUID ownerId) {
            return this;
        }

        @Override
        public void authorize(HttpHeaders headers) {}

        @Override
        public void refresh() {}
    }
}

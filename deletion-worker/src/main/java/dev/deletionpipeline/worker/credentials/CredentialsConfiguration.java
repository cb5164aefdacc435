package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpTransport;
import dev.deletionpipeline.security.LocalOnlySettingGuard;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/** Chooses the {@link OwnerCredentials} of the configured {@link CredentialsMode}. */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

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

    /** How the worker authenticates its Google calls (see {@code deletion.worker.credentials.mode}). */
    enum CredentialsMode {
        /** No Authorization header: the local stand-in without auth. */
        NONE,
        /** Each owner's OAuth2 refresh token from {@code google_credentials}, encrypted at rest with AES-GCM. */
        OAUTH_REFRESH_TOKEN,
        /** A service account with domain-wide delegation, impersonating the owner's Google user. */
        SERVICE_ACCOUNT
    }

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

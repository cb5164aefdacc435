package dev.deletionpipeline.worker.credentials;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Google calls authenticate.
 *
 * @param mode which kind of credential
 * @param tokenUrl Google's OAuth2 token endpoint (the stand-in's {@code /token} locally), for the refresh-token grant
 *     and the service account's JWT-bearer grant alike; it wins over the key file's {@code token_uri}
 * @param clientId OAuth2 client id the refresh tokens were issued to
 * @param clientSecret OAuth2 client secret (never logged)
 * @param encryptionKey base64 AES key (16, 24 or 32 bytes) that encrypts {@code refresh_token_encrypted}
 * @param serviceAccountKeyFile path of the service account's JSON key, for {@code SERVICE_ACCOUNT}
 * @param cacheSize owners whose credential (and access token) is kept in memory
 * @param cacheTtl how long a cached credential is used before it is read from the database again
 * @param tokenExpiryMargin a cached credential is read again this long before its access token expires (if sooner)
 */
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

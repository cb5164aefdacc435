package dev.deletionpipeline.api.security;

import dev.deletionpipeline.common.auth.TokenClaims;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code deletion.api.security.*}: how bearer tokens are verified when no JWKS URI is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} takes precedence when set).
 *
 * @param hs256Secret the shared HS256 secret (at least 32 bytes); never logged
 * @param issuer the required {@code iss} claim; empty accepts any issuer
 */
@ConfigurationProperties("deletion.api.security")
public record SecuritySettings(
        @DefaultValue(TokenClaims.LOCAL_DEV_SECRET) String hs256Secret,
        @DefaultValue(TokenClaims.LOCAL_ISSUER) String issuer) {

    @Override
    public String toString() {
        return "SecuritySettings[hs256Secret=<hidden>, issuer=" + issuer + "]";
    }
}

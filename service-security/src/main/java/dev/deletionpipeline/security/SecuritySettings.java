package dev.deletionpipeline.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code deletion.security.*}: how a service verifies bearer tokens. No value has a default: the {@code local} profile
 * supplies the development ones ({@code deletion-security-local.yml}), and without it {@link TokenSettingsCheck} stops
 * the start-up when a value is missing or unsafe.
 *
 * @param hs256Secret the shared HS256 secret of the tokens, at least 32 bytes; never logged; ignored when
 *     {@code jwkSetUri} is set
 * @param jwkSetUri the token issuer's JWKS URI (production); blank to verify with {@code hs256Secret}
 * @param issuer the {@code iss} claim a token must carry; blank accepts any issuer (local profile only)
 * @param audience a value the token's {@code aud} claim must contain; blank accepts any audience (local profile only)
 */
@ConfigurationProperties("deletion.security")
public record SecuritySettings(String hs256Secret, String jwkSetUri, String issuer, String audience) {

    boolean usesJwkSet() {
        return hasText(jwkSetUri);
    }

    boolean checksIssuer() {
        return hasText(issuer);
    }

    boolean checksAudience() {
        return hasText(audience);
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "SecuritySettings[hs256Secret=<hidden>, jwkSetUri=" + jwkSetUri + ", issuer=" + issuer + ", audience="
                + audience + "]";
    }
}

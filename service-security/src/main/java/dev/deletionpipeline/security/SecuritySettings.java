package dev.deletionpipeline.security;

import dev.deletionpipeline.common.auth.TokenClaims;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code deletion.security.*}: how an operator service verifies bearer tokens.
 *
 * @param hs256Secret the shared HS256 secret of locally minted tokens, at least 32 bytes; never logged; ignored when
 *     {@code jwkSetUri} is set
 * @param jwkSetUri the token issuer's JWKS URI (production); blank to verify with {@code hs256Secret}
 * @param issuer the {@code iss} claim a token must carry; blank accepts any issuer
 */
@ConfigurationProperties("deletion.security")
public record SecuritySettings(
        @DefaultValue(TokenClaims.LOCAL_DEV_SECRET) String hs256Secret, String jwkSetUri, String issuer) {

    boolean usesJwkSet() {
        return jwkSetUri != null && !jwkSetUri.isBlank();
    }

    boolean checksIssuer() {
        return issuer != null && !issuer.isBlank();
    }

    @Override
    public String toString() {
        return "SecuritySettings[hs256Secret=<hidden>, jwkSetUri=" + jwkSetUri + ", issuer=" + issuer + "]";
    }
}

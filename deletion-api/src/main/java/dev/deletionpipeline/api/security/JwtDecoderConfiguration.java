package dev.deletionpipeline.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How bearer tokens are verified: against the issuer's JWKS when
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} is set (production), otherwise with HS256 and
 * {@code deletion.api.security.hs256-secret} (local stack, tests). Expiry is checked against the injected clock.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfiguration {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Bean
    JwtDecoder jwtDecoder(
            SecuritySettings settings,
            Clock clock,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        NimbusJwtDecoder decoder = jwkSetUri.isBlank()
                ? NimbusJwtDecoder.withSecretKey(hs256Key(settings))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build()
                : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(validator(settings, clock));
        return decoder;
    }

    private static SecretKeySpec hs256Key(SecuritySettings settings) {
        byte[] secret = settings.hs256Secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("deletion.api.security.hs256-secret must be at least 32 bytes");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static OAuth2TokenValidator<Jwt> validator(SecuritySettings settings, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            return timestamps;
        }
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(settings.issuer()));
    }
}

package dev.deletionpipeline.security;

import dev.deletionpipeline.common.auth.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops a service before it starts anything (no connection, no port) when it would verify tokens unsafely: with no
 * token settings, with a secret under 32 bytes, or, unless the {@code local} profile is active, with the published
 * development secret or without an issuer and an audience to check. Registered in spring.factories, so every service
 * with this module is covered; the failure is one line naming the setting ({@link UnsafeSettingFailureAnalyzer}).
 */
public class TokenSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final int MIN_HS256_SECRET_BYTES = 32;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        SecuritySettings settings = Binder.get(environment).bindOrCreate("deletion.security", SecuritySettings.class);
        problemWith(settings, environment.matchesProfiles(TokenClaims.LOCAL_PROFILE))
                .ifPresent(line -> {
                    throw new UnsafeSettingException(line);
                });
    }

    /** The first reason not to start with these settings, as the one line to log; empty when they are safe. */
    static Optional<String> problemWith(SecuritySettings settings, boolean localProfile) {
        if (!settings.usesJwkSet()) {
            if (!SecuritySettings.hasText(settings.hs256Secret())) {
                return Optional.of("No token settings: set deletion.security.jwk-set-uri (JWT_JWK_SET_URI) or"
                        + " deletion.security.hs256-secret (JWT_SECRET, >= " + MIN_HS256_SECRET_BYTES + " bytes)");
            }
            if (settings.hs256Secret().getBytes(StandardCharsets.UTF_8).length < MIN_HS256_SECRET_BYTES) {
                return Optional.of("deletion.security.hs256-secret (JWT_SECRET) is shorter than "
                        + MIN_HS256_SECRET_BYTES + " bytes; set a longer one or deletion.security.jwk-set-uri"
                        + " (JWT_JWK_SET_URI)");
            }
            if (!localProfile && TokenClaims.LOCAL_DEV_SECRET.equals(settings.hs256Secret())) {
                return Optional.of("deletion.security.hs256-secret (JWT_SECRET) is the published development secret;"
                        + " set your own (>= " + MIN_HS256_SECRET_BYTES + " bytes) or deletion.security.jwk-set-uri"
                        + " (JWT_JWK_SET_URI)");
            }
        }
        if (!localProfile && !settings.checksIssuer()) {
            return Optional.of("deletion.security.issuer (JWT_ISSUER) is not set; outside the local profile every"
                    + " token's iss claim is checked");
        }
        if (!localProfile && !settings.checksAudience()) {
            return Optional.of("deletion.security.audience (JWT_AUDIENCE) is not set; outside the local profile every"
                    + " token's aud claim is checked");
        }
        return Optional.empty();
    }
}

package dev.deletionpipeline.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * {@code deletion.security.cors.*}: which web origins may call a service's {@code /v1/**} API from a browser (the ops
 * dashboard, served by the reconciler, calls deletion-api and deletion-worker directly). Empty by default: no
 * cross-origin call is allowed. The bearer token is still required on every call; no cookie is ever accepted.
 *
 * @param allowedOrigins exact origins ({@code scheme://host:port}) allowed to call, e.g. the reconciler's
 */
@Validated
@ConfigurationProperties("deletion.security.cors")
public record CorsSettings(List<String> allowedOrigins) {

    static final String API_PATHS = "/v1/**";

    public CorsSettings {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream()
                        .map(String::strip)
                        .filter(origin -> !origin.isEmpty())
                        .toList();
    }

    /** No mapping at all when no origin is allowed, so that a browser's preflight gets no CORS headers. */
    CorsConfigurationSource source() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(allowedOrigins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            configuration.setExposedHeaders(List.of("Location", "Retry-After"));
            configuration.setAllowCredentials(false);
            source.registerCorsConfiguration(API_PATHS, configuration);
        }
        return source;
    }
}

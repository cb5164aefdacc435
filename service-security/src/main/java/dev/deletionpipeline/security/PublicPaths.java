package dev.deletionpipeline.security;

import java.util.List;

/**
 * Paths a service serves without a token on top of the open ones of the operator filter chain: static files only
 * (the reconciler's ops dashboard page), never an API. A service declares a bean of this type to add them.
 *
 * @param patterns request path patterns, e.g. {@code "/ops/**"}
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
        if (patterns.stream().anyMatch(pattern -> pattern.startsWith("/v1"))) {
            throw new IllegalArgumentException("An API path cannot be public: " + patterns);
        }
    }
}

package dev.deletionpipeline.common.auth;

/**
 * The bearer tokens deletion-api accepts: JWTs whose {@code sub} is the owner id (a UUID) or, for operators, an admin
 * name; whose {@code roles} claim lists {@link #ROLE_OWNER} and/or {@link #ROLE_ADMIN}; and whose {@code jti} is the
 * id of a row in {@code session_tokens} for owner tokens, so that deleting that row (account withdrawal) stops the
 * token at once. Locally they are signed with HS256 and a configured secret; in production they come from an issuer's
 * JWKS. Every service checks the {@code iss} and {@code aud} claims; the local values below are only accepted with the
 * Spring profile {@link #LOCAL_PROFILE}.
 */
public final class TokenClaims {

    public static final String ROLES = "roles";
    public static final String ROLE_OWNER = "owner";
    public static final String ROLE_ADMIN = "admin";
    /** Issuer of tokens minted by the local stack and the tests. */
    public static final String LOCAL_ISSUER = "deletion-pipeline-local";
    /** Audience of tokens minted by the local stack and the tests. */
    public static final String LOCAL_AUDIENCE = "deletion-pipeline";
    /**
     * The HS256 secret of the local stack and the tests. It is published (here), so a service refuses to start with it
     * unless the Spring profile {@link #LOCAL_PROFILE} is active; production configures its own or a JWKS URI.
     */
    public static final String LOCAL_DEV_SECRET = "local-dev-secret-change-me-0123456789abcdef";
    /**
     * The Spring profile of the local stack and the tests, and of nothing else: it supplies the values above and lets a
     * service start with them.
     */
    public static final String LOCAL_PROFILE = "local";

    private TokenClaims() {}
}

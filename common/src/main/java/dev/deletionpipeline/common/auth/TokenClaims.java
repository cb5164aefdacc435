package dev.deletionpipeline.common.auth;

/**
 * The bearer tokens deletion-api accepts: JWTs whose {@code sub} is the owner id (a UUID) or, for operators, an admin
 * name; whose {@code roles} claim lists {@link #ROLE_OWNER} and/or {@link #ROLE_ADMIN}; and whose {@code jti} is the
 * id of a row in {@code session_tokens} for owner tokens, so that deleting that row (account withdrawal) stops the
 * token at once. Locally they are signed with HS256 and a configured secret; in production they come from an issuer's
 * JWKS.
 */
public final class TokenClaims {

    public static final String ROLES = "roles";
    public static final String ROLE_OWNER = "owner";
    public static final String ROLE_ADMIN = "admin";
    /** Issuer of tokens minted by the local stack and the tests. */
    public static final String LOCAL_ISSUER = "deletion-pipeline-local";
    /** The HS256 secret of the local stack and the tests; production configures its own or a JWKS URI. */
    public static final String LOCAL_DEV_SECRET = "local-dev-secret-change-me-0123456789abcdef";

    private TokenClaims() {}
}

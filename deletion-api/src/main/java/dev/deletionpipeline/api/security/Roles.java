package dev.deletionpipeline.api.security;

import dev.deletionpipeline.common.auth.TokenClaims;

/**
 * The roles deletion-api grants. {@link #WITHDRAWN_OWNER} is never in a token: an owner whose account is withdrawn
 * (and who signed in again) gets it instead of {@link #OWNER}, which allows nothing but restoring the account.
 */
public final class Roles {

    public static final String OWNER = TokenClaims.ROLE_OWNER;
    public static final String ADMIN = TokenClaims.ROLE_ADMIN;
    public static final String WITHDRAWN_OWNER = "withdrawn_owner";

    private Roles() {}
}

package dev.deletionpipeline.localstack.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.deletionpipeline.common.auth.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints the HS256 bearer tokens that the services accept with the local profile (see {@link TokenClaims}): signed with
 * the dev secret, carrying the local {@code iss} and {@code aud}. An owner token's {@code jti} must also be stored in
 * {@code session_tokens}; {@link #ownerToken} returns the id to store.
 */
public final class DevTokens {

    private final byte[] secret;
    private final String issuer;
    private final String audience;

    /** Tokens signed with {@code secret}, with the local issuer and audience. */
    public DevTokens(String secret) {
        this(secret, TokenClaims.LOCAL_ISSUER, TokenClaims.LOCAL_AUDIENCE);
    }

    private DevTokens(String secret, String issuer, String audience) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.audience = audience;
    }

    public static DevTokens local() {
        return new DevTokens(TokenClaims.LOCAL_DEV_SECRET);
    }

    /** The same tokens with another {@code iss}: for tests of what a service must refuse. */
    public DevTokens withIssuer(String otherIssuer) {
        return new DevTokens(new String(secret, StandardCharsets.UTF_8), otherIssuer, audience);
    }

    /** The same tokens with another {@code aud}: for tests of what a service must refuse. */
    public DevTokens withAudience(String otherAudience) {
        return new DevTokens(new String(secret, StandardCharsets.UTF_8), issuer, otherAudience);
    }

    /** A token for an owner; {@code sessionId} is its jti, to be present in {@code session_tokens}. */
    public String ownerToken(UUID ownerId, UUID sessionId, Duration validity) {
        return sign(ownerId.toString(), sessionId.toString(), List.of(TokenClaims.ROLE_OWNER), validity);
    }

    public String adminToken(String adminName, Duration validity) {
        return sign(adminName, UUID.randomUUID().toString(), List.of(TokenClaims.ROLE_ADMIN), validity);
    }

    /** A token with any subject, roles and jti: for tests of what the API must refuse. */
    public String sign(String subject, String jti, List<String> roles, Duration validity) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .jwtID(jti)
                .claim(TokenClaims.ROLES, roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
    }
}

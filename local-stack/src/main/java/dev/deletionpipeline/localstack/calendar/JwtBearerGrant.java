package dev.deletionpipeline.localstack.calendar;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The OAuth2 JWT-bearer grant ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}) that a service account
 * uses, with domain-wide delegation, to act as a user: the assertion is an RS256 JWT signed with the service account's
 * private key, {@code iss} its client email, {@code sub} the impersonated user, {@code aud} the token endpoint. Checked
 * as Google checks it: a registered service account, a valid signature, a short-lived {@code iat}/{@code exp}; the
 * access token issued is bound to {@code sub} (to the service account itself when there is none).
 */
final class JwtBearerGrant {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The user an assertion acts for, or why it was refused ({@code error}, {@code description}). */
    record Verdict(String subject, String scope, String error, String description) {

        static Verdict refused(String error, String description) {
            return new Verdict(null, null, error, description);
        }

        boolean granted() {
            return error == null;
        }
    }

    private final TokenRegistry tokens;

    JwtBearerGrant(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    Verdict check(String assertion, Instant now) {
        if (assertion == null || assertion.isEmpty()) {
            return Verdict.refused("invalid_request", "Missing required parameter: assertion");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            RSAPublicKey key = tokens.serviceAccountKey(claims.getIssuer());
            if (key == null) {
                return Verdict.refused("invalid_grant", "Invalid grant: account not found");
            }
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key))) {
                return Verdict.refused("invalid_grant", "Invalid JWT Signature.");
            }
            if (!shortLivedAndCurrent(claims, now) || !addressedToATokenEndpoint(claims)) {
                return Verdict.refused(
                        "invalid_grant",
                        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."
                                + " Check your iat and exp values in the JWT claim.");
            }
            String scope = claims.getStringClaim("scope");
            if (scope == null || scope.isBlank()) {
                return Verdict.refused("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
            }
            String subject = claims.getSubject() != null ? claims.getSubject() : claims.getIssuer();
            return new Verdict(subject, scope, null, null);
        } catch (ParseException | JOSEException unreadable) {
            return Verdict.refused("invalid_grant", "Invalid JWT: the assertion cannot be read.");
        }
    }

    private static boolean shortLivedAndCurrent(JWTClaimsSet claims, Instant now) {
        Date issuedAt = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        if (issuedAt == null || expires == null) {
            return false;
        }
        Instant iat = issuedAt.toInstant();
        Instant exp = expires.toInstant();
        return !exp.isAfter(iat.plus(MAX_LIFETIME))
                && exp.plus(CLOCK_SKEW).isAfter(now)
                && !iat.minus(CLOCK_SKEW).isAfter(now);
    }

    private static boolean addressedToATokenEndpoint(JWTClaimsSet claims) {
        return claims.getAudience().stream().anyMatch(audience -> audience.endsWith(TokenEndpoint.PATH));
    }
}

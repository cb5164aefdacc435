package dev.deletionpipeline.localstack.calendar;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Refresh tokens and service accounts (client email → public key) registered by tests, and the access tokens {@code
 * POST /token} issues for them, each bound to a user (for a service account: the user it impersonates). Revoking a
 * refresh token also invalidates the access tokens issued from it, as Google does. Token values are never logged.
 */
final class TokenRegistry {

    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3599);

    record AccessGrant(String user, String refreshToken, Instant expiresAt) {}

    private final ConcurrentHashMap<String, String> usersByRefreshToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AccessGrant> grantsByAccessToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RSAPublicKey> serviceAccountKeys = new ConcurrentHashMap<>();

    void registerServiceAccount(String clientEmail, RSAPublicKey publicKey) {
        serviceAccountKeys.put(clientEmail, publicKey);
    }

    /** @return the public key of a registered service account, or null (also for a null client email) */
    RSAPublicKey serviceAccountKey(String clientEmail) {
        return clientEmail == null ? null : serviceAccountKeys.get(clientEmail);
    }

    void registerRefreshToken(String refreshToken, String user) {
        usersByRefreshToken.put(refreshToken, user);
    }

    void revokeRefreshToken(String refreshToken) {
        usersByRefreshToken.remove(refreshToken);
        grantsByAccessToken.values().removeIf(grant -> refreshToken.equals(grant.refreshToken()));
    }

    /** @return a new access token, or empty when the refresh token is unknown or revoked */
    Optional<String> refresh(String refreshToken, Instant now) {
        String user = usersByRefreshToken.get(refreshToken);
        return user == null ? Optional.empty() : Optional.of(issue(user, refreshToken, now));
    }

    String issue(String user, String refreshToken, Instant now) {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        String token = "ya29.standin-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grantsByAccessToken.put(token, new AccessGrant(user, refreshToken, now.plus(ACCESS_TOKEN_LIFETIME)));
        return token;
    }

    /** @return the user of a valid, unexpired {@code Bearer} token in the Authorization header */
    Optional<String> userOf(String authorization, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        AccessGrant grant = grantsByAccessToken.get(authorization.substring(7).trim());
        if (grant == null || !now.isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant.user());
    }

    /** Makes every access token issued so far invalid, so the next call gets 401 and the client must refresh. */
    void expireAccessTokens() {
        grantsByAccessToken.clear();
    }

    void expireAccessTokensOf(String user) {
        grantsByAccessToken.values().removeIf(grant -> grant.user().equals(user));
    }

    void clear() {
        serviceAccountKeys.clear();
        usersByRefreshToken.clear();
        grantsByAccessToken.clear();
    }
}

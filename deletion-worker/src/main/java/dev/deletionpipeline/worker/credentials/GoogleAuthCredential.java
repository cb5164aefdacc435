package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.time.Instant;

/**
 * An owner credential backed by google-auth-library (a user's refresh token, or a delegated service account): it
 * caches the access token until it expires and fetches a new one on demand. The token only goes into the header.
 */
final class GoogleAuthCredential implements OwnerCredential {

    private final OAuth2Credentials credentials;

    GoogleAuthCredential(OAuth2Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void authorize(HttpHeaders headers) {
        try {
            credentials.refreshIfExpired();
        } catch (IOException e) {
            throw TokenEndpointErrors.classify(e);
        }
        AccessToken token = credentials.getAccessToken();
        headers.setAuthorization("Bearer " + token.getTokenValue());
    }

    /** When the current access token expires; null before the first token was fetched or when Google gave no expiry. */
    Instant accessTokenExpiry() {
        AccessToken token = credentials.getAccessToken();
        return token == null || token.getExpirationTime() == null
                ? null
                : token.getExpirationTime().toInstant();
    }

    @Override
    public void refresh() {
        try {
            credentials.refresh();
        } catch (IOException e) {
            throw TokenEndpointErrors.classify(e);
        }
    }
}

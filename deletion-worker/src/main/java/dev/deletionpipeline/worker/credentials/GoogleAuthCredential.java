package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            throw classify(e);
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
            throw classify(e);
        }
    }

    private static final Pattern ERROR_CODE = Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z_]+)\"");

    /**
     * A failed token request as a {@link CredentialException}: {@code invalid_grant} means the owner revoked access
     * (permanent), other 4xx answers mean our client or credential is wrong (permanent), anything else is the endpoint
     * being unavailable (retry). Only the OAuth2 error code is kept, never the response body.
     */
    static CredentialException classify(IOException failure) {
        HttpResponseException answer = answerIn(failure);
        if (answer == null) {
            return new CredentialException(
                    DeadLetterReason.GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE,
                    "token endpoint unreachable: " + failure.getClass().getSimpleName(),
                    false,
                    null);
        }
        String code = errorCode(answer.getContent());
        String detail = "token endpoint answered " + answer.getStatusCode() + (code == null ? "" : " " + code);
        if ("invalid_grant".equals(code)) {
            return new CredentialException(DeadLetterReason.GOOGLE_CREDENTIAL_REVOKED, detail, true, null);
        }
        boolean permanent = answer.getStatusCode() >= 400 && answer.getStatusCode() < 500;
        return new CredentialException(
                permanent
                        ? DeadLetterReason.GOOGLE_CREDENTIAL_UNREADABLE
                        : DeadLetterReason.GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE,
                detail,
                permanent,
                null);
    }

    private static HttpResponseException answerIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException answer) {
                return answer;
            }
        }
        return null;
    }

    private static String errorCode(String content) {
        if (content == null) {
            return null;
        }
        Matcher matcher = ERROR_CODE.matcher(content);
        return matcher.find() ? matcher.group(1) : null;
    }
}

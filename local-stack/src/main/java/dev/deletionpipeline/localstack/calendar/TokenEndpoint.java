package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.common.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /token}: Google's OAuth2 token endpoint for the two grants the worker's credentials use: the refresh-token
 * grant (per-owner OAuth2) and the JWT-bearer grant (a service account impersonating the owner, {@link
 * JwtBearerGrant}). It answers with Google's field names, and with {@code invalid_grant} for a refresh token that is
 * unknown or revoked or an assertion that does not verify. Client id and secret are accepted without checking.
 */
final class TokenEndpoint {

    static final String PATH = "/token";

    private final StandInState state;
    private final JwtBearerGrant jwtBearer;

    TokenEndpoint(StandInState state) {
        this.state = state;
        this.jwtBearer = new JwtBearerGrant(state.tokens);
    }

    ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("POST")) {
            return tokenError(405, "invalid_request", "The token endpoint accepts POST only.");
        }
        Map<String, String> form = ApiRequest.parseQuery(new String(request.body(), StandardCharsets.UTF_8));
        String grantType = form.get("grant_type");
        if (JwtBearerGrant.GRANT_TYPE.equals(grantType)) {
            return delegated(form.get("assertion"));
        }
        if (!"refresh_token".equals(grantType)) {
            return tokenError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        }
        String refreshToken = form.get("refresh_token");
        if (refreshToken == null || refreshToken.isEmpty()) {
            return tokenError(400, "invalid_request", "Missing required parameter: refresh_token");
        }
        return state.tokens
                .refresh(refreshToken, state.now())
                .map(this::granted)
                .orElseGet(() -> tokenError(400, "invalid_grant", "Token has been expired or revoked."));
    }

    /** The call log shows whom the token was issued for: the impersonated user. */
    private ApiResponse delegated(String assertion) {
        JwtBearerGrant.Verdict verdict = jwtBearer.check(assertion, state.now());
        if (!verdict.granted()) {
            return tokenError(400, verdict.error(), verdict.description());
        }
        return granted(state.tokens.issue(verdict.subject(), null, state.now())).by(verdict.subject());
    }

    private ApiResponse granted(String accessToken) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("access_token", accessToken)
                .put("expires_in", TokenRegistry.ACCESS_TOKEN_LIFETIME.toSeconds())
                .put("scope", "https://www.googleapis.com/auth/calendar")
                .put("token_type", "Bearer");
        return ApiResponse.json(200, EventJson.mapper().writeValueAsBytes(body));
    }

    private static ApiResponse tokenError(int status, String error, String description) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("error", error).put("error_description", description);
        return ApiResponse.json(status, EventJson.mapper().writeValueAsBytes(body))
                .withReason(error);
    }
}

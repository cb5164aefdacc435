package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.common.json.EventJson;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /_standin/...}: what tests and the fault suite use to steer and inspect the stand-in over HTTP. Not part of
 * Google's API: no latency, faults, quotas or auth apply, and these calls are not in the call log.
 */
final class AdminEndpoint {

    static final String ROOT = "/_standin/";

    private final StandInState state;

    AdminEndpoint(StandInState state) {
        this.state = state;
    }

    ApiResponse handle(ApiRequest request) {
        try {
            return route(request.method(), request.rawPath().substring(ROOT.length()), request);
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException invalid) {
            return problem(400, invalid.getMessage());
        }
    }

    private ApiResponse route(String method, String path, ApiRequest request) {
        String call = method + " " + path;
        if (call.startsWith("PUT calendars/") && path.length() > "calendars/".length()) {
            state.events.createCalendar(ApiRequest.decodePathSegment(path.substring("calendars/".length())));
            return ApiResponse.noContent();
        }
        if (call.startsWith("POST calendars/") && (path.endsWith("/revoke") || path.endsWith("/restore"))) {
            return access(path, request.queryParameter("user"));
        }
        return switch (call) {
            case "GET settings" -> json(SettingsJson.write(state.settings()));
            case "PUT settings" ->
                json(SettingsJson.write(state.apply(SettingsJson.patch(state.settings(), body(request)))));
            case "POST reset" -> done(state::reset);
            case "GET events" -> json(events(request.queryParameter("calendarId")));
            case "GET calls" -> json(state.calls.snapshot(sinceSequence(request)));
            case "DELETE calls" -> done(state.calls::clear);
            case "POST refresh-tokens" ->
                done(() -> state.tokens.registerRefreshToken(
                        text(body(request), "refreshToken"), text(body(request), "user")));
            case "POST refresh-tokens/revoke" ->
                done(() -> state.tokens.revokeRefreshToken(text(body(request), "refreshToken")));
            case "POST service-accounts" ->
                done(() -> state.tokens.registerServiceAccount(
                        text(body(request), "clientEmail"), rsaPublicKey(text(body(request), "publicKey"))));
            case "POST access-tokens" -> accessToken(text(body(request), "user"));
            case "POST access-tokens/expire" -> done(() -> expire(request));
            default -> problem(404, "no stand-in admin call " + call);
        };
    }

    /** {@code calendars/{calendarId}/revoke|restore}, for one user or (without one) for every caller. */
    private ApiResponse access(String path, String user) {
        String[] segments = path.split("/", -1);
        if (segments.length != 3 || segments[1].isEmpty()) {
            return problem(404, "no stand-in admin call POST " + path);
        }
        String calendarId = ApiRequest.decodePathSegment(segments[1]);
        String who = user == null || user.isEmpty() ? null : user;
        if (segments[2].equals("revoke")) {
            state.access.revoke(calendarId, who);
        } else {
            state.access.restore(calendarId, who);
        }
        return ApiResponse.noContent();
    }

    private List<StandInEvent> events(String calendarId) {
        List<StandInEvent> all = state.events.all();
        return calendarId == null
                ? all
                : all.stream().filter(e -> e.calendarId().equals(calendarId)).toList();
    }

    private static long sinceSequence(ApiRequest request) {
        String since = request.queryParameter("since");
        return since == null ? 0 : Long.parseLong(since);
    }

    private ApiResponse accessToken(String user) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("access_token", state.tokens.issue(user, null, state.now()));
        return json(body);
    }

    private void expire(ApiRequest request) {
        JsonNode body = request.body().length == 0 ? EventJson.mapper().createObjectNode() : body(request);
        if (body.hasNonNull("user")) {
            state.tokens.expireAccessTokensOf(body.get("user").asString());
        } else {
            state.tokens.expireAccessTokens();
        }
    }

    /** A public key as base64 of its X.509 encoding (a PEM's body, headers and line breaks allowed). */
    private static RSAPublicKey rsaPublicKey(String encoded) {
        String base64 = encoded.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("publicKey is not an RSA public key in X.509 encoding");
        }
    }

    private static JsonNode body(ApiRequest request) {
        return EventJson.mapper().readTree(request.body());
    }

    private static String text(JsonNode body, String field) {
        if (!body.hasNonNull(field) || body.get(field).asString().isEmpty()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return body.get(field).asString();
    }

    private static ApiResponse done(Runnable action) {
        action.run();
        return ApiResponse.noContent();
    }

    private static ApiResponse json(Object value) {
        return ApiResponse.json(200, EventJson.mapper().writeValueAsBytes(value));
    }

    private static ApiResponse problem(int status, String message) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("error", message == null ? "invalid request" : message);
        return ApiResponse.json(status, EventJson.mapper().writeValueAsBytes(body));
    }
}

package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.common.json.EventJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Error answers in the exact shape Google's JSON APIs use:
 * {@code {"error":{"code":..,"message":..,"errors":[{"domain":..,"reason":..,"message":..}]}}}. The reason is what
 * clients branch on ({@code notFound}, {@code deleted}, {@code rateLimitExceeded}, ...), so each answer carries it to
 * the call log as well.
 */
final class GoogleErrors {

    private GoogleErrors() {}

    static ApiResponse notFound() {
        return error(404, "global", "notFound", "Not Found");
    }

    static ApiResponse deleted() {
        return error(410, "global", "deleted", "Resource has been deleted");
    }

    static ApiResponse parseError() {
        return error(400, "global", "parseError", "Parse Error");
    }

    static ApiResponse required(String message) {
        return error(400, "global", "required", message);
    }

    static ApiResponse invalid(String message) {
        return error(400, "global", "invalid", message);
    }

    static ApiResponse badRequest(String message) {
        return error(400, "global", "badRequest", message);
    }

    static ApiResponse duplicate() {
        return error(409, "global", "duplicate", "The requested identifier already exists.");
    }

    /**
     * 401 as Google sends it. When a token was presented but is not valid (expired, revoked, unknown), the challenge
     * says {@code error="invalid_token"}: that is what makes Google's credential adapters refresh and retry.
     */
    static ApiResponse authError(boolean tokenPresented) {
        ObjectNode detail = detail("global", "authError", "Invalid Credentials");
        detail.put("locationType", "header").put("location", "Authorization");
        return build(401, "Invalid Credentials", detail)
                .withHeader(
                        "WWW-Authenticate",
                        "Bearer realm=\"https://accounts.google.com/\""
                                + (tokenPresented ? ", error=\"invalid_token\"" : ""));
    }

    /** 403 or 429 with reason {@code rateLimitExceeded}, as Google sends for project-wide limits. */
    static ApiResponse rateLimitExceeded(int status) {
        return error(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
    }

    static ApiResponse userQuotaExceeded(UserQuotaResponse kind) {
        return error(kind.status(), "usageLimits", kind.reason(), kind.message());
    }

    /** A fault injected for a calendar or an event, with its own status and reason. */
    static ApiResponse injected(InjectedFault fault) {
        return error(fault.status(), fault.domain(), fault.reason(), fault.message());
    }

    /** The body Google sends for an error of this status when nothing more specific applies. */
    static ApiResponse forStatus(int status) {
        return switch (status) {
            case 400 -> badRequest("Bad Request");
            case 401 -> authError(true);
            case 403, 429 -> rateLimitExceeded(status);
            case 404 -> notFound();
            case 409 -> duplicate();
            case 410 -> deleted();
            case 503 -> error(503, "global", "backendError", "The service is currently unavailable.");
            default ->
                status >= 500
                        ? error(status, "global", "backendError", "Backend Error")
                        : error(status, "global", "badRequest", "Bad Request");
        };
    }

    static ApiResponse error(int status, String domain, String reason, String message) {
        return build(status, message, detail(domain, reason, message));
    }

    private static ObjectNode detail(String domain, String reason, String message) {
        ObjectNode detail = EventJson.mapper().createObjectNode();
        return detail.put("domain", domain).put("reason", reason).put("message", message);
    }

    private static ApiResponse build(int status, String message, ObjectNode detail) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", status).put("message", message);
        error.putArray("errors").add(detail);
        String reason = detail.get("reason").asString();
        return ApiResponse.json(status, EventJson.mapper().writeValueAsBytes(root))
                .withReason(reason);
    }
}

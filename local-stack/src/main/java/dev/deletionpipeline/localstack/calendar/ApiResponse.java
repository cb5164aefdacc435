package dev.deletionpipeline.localstack.calendar;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stand-in answers to one call, plus what the call log needs to know about it.
 *
 * @param status HTTP status
 * @param headers extra headers besides Content-Type (e.g. Retry-After, WWW-Authenticate)
 * @param contentType the body's media type, or null when there is no body
 * @param body the body, empty for 204
 * @param reason Google's error reason for the call log, null on success
 * @param calendarId the calendar the call addressed, if any
 * @param eventId the event the call addressed, if any
 * @param user the authenticated user, if auth is on and the call carried a valid token
 */
record ApiResponse(
        int status,
        Map<String, String> headers,
        String contentType,
        byte[] body,
        String reason,
        String calendarId,
        String eventId,
        String user) {

    static final String JSON = "application/json; charset=UTF-8";

    static ApiResponse json(int status, String json) {
        return new ApiResponse(status, Map.of(), JSON, json.getBytes(StandardCharsets.UTF_8), null, null, null, null);
    }

    static ApiResponse json(int status, byte[] json) {
        return new ApiResponse(status, Map.of(), JSON, json, null, null, null, null);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null, new byte[0], null, null, null, null);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, Map.copyOf(more), contentType, body, reason, calendarId, eventId, user);
    }

    ApiResponse withReason(String errorReason) {
        return new ApiResponse(status, headers, contentType, body, errorReason, calendarId, eventId, user);
    }

    ApiResponse about(String calendar, String event) {
        return new ApiResponse(status, headers, contentType, body, reason, calendar, event, user);
    }

    ApiResponse by(String authenticatedUser) {
        return new ApiResponse(status, headers, contentType, body, reason, calendarId, eventId, authenticatedUser);
    }
}

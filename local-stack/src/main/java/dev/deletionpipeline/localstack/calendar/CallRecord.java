package dev.deletionpipeline.localstack.calendar;

import java.time.Instant;

/**
 * One call the stand-in answered: a calendar call, a whole batch request, one part of a batch, or a token request.
 * Token values are never recorded.
 *
 * @param sequence increasing number, unique for the life of the server (a clear does not restart it)
 * @param at when the call arrived (settings' clock)
 * @param method HTTP method
 * @param path request path without query, still percent-encoded ({@code /calendar/v3/...}, {@code /batch/calendar/v3},
 *     {@code /token})
 * @param calendarId the addressed calendar, or null
 * @param eventId the addressed event, or null
 * @param batchId the batch this call belongs to (also set on the outer batch request itself), or null
 * @param status the HTTP status answered
 * @param reason Google's error reason ({@code notFound}, {@code deleted}, {@code rateLimitExceeded}, ...), or null
 * @param sendUpdates the {@code sendUpdates} query parameter, or null
 * @param user the authenticated user when auth is on, or null
 * @param latencyNanos from arrival to answer, injected latency included
 */
public record CallRecord(
        long sequence,
        Instant at,
        String method,
        String path,
        String calendarId,
        String eventId,
        Long batchId,
        int status,
        String reason,
        String sendUpdates,
        String user,
        long latencyNanos) {

    /** When the answer left: arrival plus latency (a batch part's, its own part of the batch). */
    public Instant answeredAt() {
        return at.plusNanos(latencyNanos);
    }

    /** One part of a batch request. */
    public boolean inBatch() {
        return batchId != null && !path.startsWith("/batch/");
    }

    /** The {@code POST /batch/calendar/v3} request that carried the parts. */
    public boolean wholeBatch() {
        return batchId != null && path.startsWith("/batch/");
    }
}

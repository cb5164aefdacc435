package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The Google Calendar stand-in as the benchmark steers and reads it: its latency (a runtime setting), its call log
 * (cleared before a run, then counted: one HTTP request per single call, per batch request and per token request; the
 * parts of a batch are not requests of their own), and events put in with Google's batch protocol, 50 per request.
 */
final class StandInControl {

    private static final int BATCH_SIZE = 50;
    private static final String BOUNDARY = "bench_batch_boundary";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    StandInControl(String calendarUrl) {
        this.baseUrl = calendarUrl;
    }

    void setLatency(int millis) {
        send("PUT", "/_standin/settings", "application/json", "{\"latency\": " + millis + "}");
    }

    /** Google's per-minute quotas, per user (here: per calendar, the stand-in runs without auth) and per project. */
    void setQuotas(int perUserPerMinute, int perProjectPerMinute) {
        send(
                "PUT",
                "/_standin/settings",
                "application/json",
                "{\"perUserQuotaPerMinute\": " + perUserPerMinute + ", \"perProjectQuotaPerMinute\": "
                        + perProjectPerMinute + "}");
    }

    void clearCalls() {
        send("DELETE", "/_standin/calls", "application/json", "");
    }

    /** HTTP requests Google received since the last {@link #clearCalls}. */
    long httpRequests() {
        long requests = 0;
        for (JsonNode call : callLog()) {
            if (!batchPart(call)) {
                requests++;
            }
        }
        return requests;
    }

    /** A calendar call as Google's quotas count it: when it arrived (epoch milliseconds), what it addressed, its status. */
    record QuotaCall(long atMillis, String calendarId, String eventId, int status) {

        boolean rateLimited() {
            return status == 429 || status == 403;
        }
    }

    /**
     * The calendar calls since the last {@link #clearCalls}, each part of a batch on its own (Google counts a batch of
     * n calls as n calls), without the batch requests themselves and the token requests.
     */
    List<QuotaCall> quotaCalls() {
        List<QuotaCall> calls = new ArrayList<>();
        for (JsonNode call : callLog()) {
            String path = call.path("path").asString("");
            if (path.startsWith("/calendar/") || batchPart(call)) {
                calls.add(new QuotaCall(
                        Instant.parse(call.path("at").asString()).toEpochMilli(),
                        call.path("calendarId").asString(""),
                        call.path("eventId").asString(""),
                        call.path("status").asInt()));
            }
        }
        return calls;
    }

    private JsonNode callLog() {
        return EventJson.mapper().readTree(send("GET", "/_standin/calls", "application/json", null));
    }

    private static boolean batchPart(JsonNode call) {
        return call.hasNonNull("batchId") && !call.path("path").asString("").startsWith("/batch/");
    }

    void createCalendar(String calendarId) {
        send("PUT", "/_standin/calendars/" + calendarId, "application/json", "");
    }

    void insertEvents(String calendarId, List<String> eventIds) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int from = 0; from < eventIds.size(); from += BATCH_SIZE) {
                List<String> batch = eventIds.subList(from, Math.min(from + BATCH_SIZE, eventIds.size()));
                sent.add(pool.submit(() -> insertBatch(calendarId, batch)));
            }
            for (Future<?> batch : sent) {
                batch.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not insert the stand-in's events", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void insertBatch(String calendarId, List<String> eventIds) {
        StringBuilder body = new StringBuilder();
        for (String eventId : eventIds) {
            body.append("--")
                    .append(BOUNDARY)
                    .append("\r\nContent-Type: application/http\r\nContent-ID: <")
                    .append(eventId)
                    .append(">\r\n\r\nPOST /calendar/v3/calendars/")
                    .append(calendarId)
                    .append("/events HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"id\": \"")
                    .append(eventId)
                    .append("\", \"summary\": \"Bench block\", \"start\": {\"dateTime\": \"2027-01-04T09:00:00Z\"},")
                    .append(" \"end\": {\"dateTime\": \"2027-01-04T10:00:00Z\"}}\r\n");
        }
        body.append("--").append(BOUNDARY).append("--\r\n");
        String answers = send("POST", "/batch/calendar/v3", "multipart/mixed; boundary=" + BOUNDARY, body.toString());
        int inserted = answers.split("HTTP/1.1 200 ", -1).length - 1;
        if (inserted != eventIds.size()) {
            throw new IllegalStateException("The stand-in inserted " + inserted + " of " + eventIds.size() + " events");
        }
    }

    /** @param body null for none */
    private String send(String method, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

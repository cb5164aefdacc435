package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.common.json.EventJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The Google Calendar stand-in of the stack: events are put in through Google's own {@code events.insert} (as the
 * sync that created the blocks would have), and read back, with the call log, only through the stand-in's inspection
 * endpoints, to check outcomes. Faults are switched on and off through its settings.
 */
final class StandIn {

    private static final String START = "{\"dateTime\": \"2027-01-04T09:00:00Z\"}";
    private static final String END = "{\"dateTime\": \"2027-01-04T10:00:00Z\"}";
    private static final int BATCH_SIZE = 50;
    private static final String BOUNDARY = "e2e_batch_boundary";

    private final RestClient http;
    private final List<JsonNode> deleteCalls = new ArrayList<>();
    private final Set<Long> seenAboveComplete = new HashSet<>();
    private long completeUpTo;

    StandIn(String calendarUrl) {
        this.http = new RestClient(calendarUrl);
    }

    /** A fresh Google-shaped event id (base32hex: the hex digits of a UUID are in its alphabet). */
    static String newEventId() {
        return "e2e" + UUID.randomUUID().toString().replace("-", "");
    }

    void insertEvent(String calendarId, String eventId) {
        insert(calendarId, eventId, "");
    }

    void insertSeries(String calendarId, String eventId) {
        insert(calendarId, eventId, ", \"recurrence\": [\"RRULE:FREQ=WEEKLY;COUNT=3\"]");
    }

    void insertInstance(String calendarId, String eventId, String seriesId) {
        insert(calendarId, eventId, ", \"recurringEventId\": \"" + seriesId + "\"");
    }

    /**
     * Inserts many events with Google's batch protocol, {@value #BATCH_SIZE} {@code events.insert} calls per request
     * (as a calendar sync would), a few requests at a time.
     */
    void insertEvents(String calendarId, List<String> eventIds) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < eventIds.size(); from += BATCH_SIZE) {
            batches.add(eventIds.subList(from, Math.min(from + BATCH_SIZE, eventIds.size())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (List<String> batch : batches) {
                sent.add(pool.submit(() -> insertBatch(calendarId, batch)));
            }
            for (Future<?> batch : sent) {
                batch.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not insert the events", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every event of the calendar, live and deleted, by id. */
    Map<String, JsonNode> events(String calendarId) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode event : http.get("/_standin/events?calendarId=" + calendarId, null)
                .expect(200)
                .values()) {
            byId.put(event.get("id").asString(), event);
        }
        return byId;
    }

    /** The {@code events.delete} calls (single or inside a batch) for these events, in the order they arrived. */
    synchronized List<JsonNode> deleteCalls(Set<String> eventIds) {
        readNewCalls();
        return deleteCalls.stream()
                .filter(call -> eventIds.contains(call.path("eventId").asString("")))
                .toList();
    }

    /**
     * Reads the call log from where the last read was complete: a call takes its sequence number when it arrives and
     * enters the log when it is answered, so a later call may be logged before an earlier one.
     */
    private void readNewCalls() {
        for (JsonNode call : http.get("/_standin/calls?since=" + completeUpTo, null)
                .expect(200)
                .values()) {
            if (seenAboveComplete.add(call.get("sequence").asLong())
                    && call.path("method").asString().equals("DELETE")) {
                deleteCalls.add(call);
            }
        }
        while (seenAboveComplete.remove(completeUpTo + 1)) {
            completeUpTo++;
        }
    }

    /** Fails every Google call with these statuses at these rates (an empty map switches faults off). */
    void failCalls(Map<Integer, Double> rates) {
        Map<String, Double> faultRates = new LinkedHashMap<>();
        rates.forEach((status, rate) -> faultRates.put(Integer.toString(status), rate));
        http.put("/_standin/settings", null, Map.of("faultRates", faultRates)).expect(200);
    }

    /** Answers a user's calls beyond this many per clock minute as Google does (0 = off). */
    void limitPerUser(int callsPerMinute) {
        http.put("/_standin/settings", null, Map.of("perUserQuotaPerMinute", callsPerMinute))
                .expect(200);
    }

    private void insertBatch(String calendarId, List<String> eventIds) {
        StringBuilder body = new StringBuilder();
        for (String eventId : eventIds) {
            body.append("--")
                    .append(BOUNDARY)
                    .append("\r\n")
                    .append("Content-Type: application/http\r\nContent-ID: <")
                    .append(eventId)
                    .append(">\r\n\r\n")
                    .append("POST /calendar/v3/calendars/")
                    .append(calendarId)
                    .append("/events HTTP/1.1\r\nContent-Type: application/json\r\n\r\n")
                    .append(eventJson(eventId, ""))
                    .append("\r\n");
        }
        body.append("--").append(BOUNDARY).append("--\r\n");
        String answers = http.postRaw("/batch/calendar/v3", "multipart/mixed; boundary=" + BOUNDARY, body.toString())
                .expect(200)
                .asString();
        int inserted = answers.split("HTTP/1.1 200 ", -1).length - 1;
        if (inserted != eventIds.size()) {
            throw new IllegalStateException("The stand-in inserted " + inserted + " of " + eventIds.size() + " events");
        }
    }

    private static String eventJson(String eventId, String extra) {
        return "{\"id\": \"" + eventId + "\", \"summary\": \"e2e\", \"start\": " + START + ", \"end\": " + END + extra
                + "}";
    }

    private void insert(String calendarId, String eventId, String extra) {
        String body = eventJson(eventId, extra);
        JsonNode event = http.send(
                        "POST",
                        "/calendar/v3/calendars/" + calendarId + "/events",
                        null,
                        EventJson.mapper().readTree(body))
                .expect(200);
        if (!eventId.equals(event.path("id").asString())) {
            throw new IllegalStateException("The stand-in stored " + event + " for " + eventId);
        }
    }
}

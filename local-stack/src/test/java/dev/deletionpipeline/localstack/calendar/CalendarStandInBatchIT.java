package dev.deletionpipeline.localstack.calendar;

import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.meeting;
import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarStandInBatchIT {

    private static final String CALENDAR = "owner@example.com";

    private static CalendarStandIn standIn;
    private static Calendar calendar;

    @BeforeAll
    static void start() {
        standIn = CalendarStandIn.start();
        calendar = GoogleCalendarClients.calendar(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void forgetEverything() {
        standIn.reset();
    }

    @Test
    void eachDeleteInABatchGetsItsOwnOutcome() throws IOException {
        String live = insert("live");
        String deleted = insert("deleted");
        calendar.events().delete(CALENDAR, deleted).execute();
        Map<String, String> outcomes = new ConcurrentHashMap<>();

        BatchRequest batch = calendar.batch();
        calendar.events().delete(CALENDAR, live).queue(batch, recordInto(outcomes, "live"));
        calendar.events().delete(CALENDAR, "nosuchevent").queue(batch, recordInto(outcomes, "unknown"));
        calendar.events().delete(CALENDAR, deleted).queue(batch, recordInto(outcomes, "deleted"));
        batch.execute();

        assertThat(outcomes)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("live", "success", "unknown", "404 notFound", "deleted", "410 deleted"));
        assertThat(standIn.event(CALENDAR, live).orElseThrow().deleted()).isTrue();
    }

    @Test
    void insertsInABatchAnswerTheEvent() throws IOException {
        Map<String, String> summaries = new ConcurrentHashMap<>();
        BatchRequest batch = calendar.batch();
        for (String summary : List.of("one", "two")) {
            calendar.events().insert(CALENDAR, meeting(summary)).queue(batch, new JsonBatchCallback<Event>() {
                @Override
                public void onSuccess(Event event, HttpHeaders headers) {
                    summaries.put(summary, event.getSummary() + "/" + event.getStatus());
                }

                @Override
                public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                    summaries.put(summary, "failed " + error.getCode());
                }
            });
        }
        batch.execute();

        assertThat(summaries).isEqualTo(Map.of("one", "one/confirmed", "two", "two/confirmed"));
        assertThat(standIn.events()).hasSize(2);
    }

    @Test
    void theCallLogRecordsTheBatchAndEachPartMarkedWithIt() throws IOException {
        String live = insert("live");
        standIn.clearCalls();

        BatchRequest batch = calendar.batch();
        calendar.events().delete(CALENDAR, live).queue(batch, recordInto(new ConcurrentHashMap<>(), "a"));
        calendar.events().delete(CALENDAR, "nosuchevent").queue(batch, recordInto(new ConcurrentHashMap<>(), "b"));
        batch.execute();

        List<CallRecord> calls = standIn.calls();
        assertThat(calls).hasSize(3);
        assertThat(calls)
                .extracting(CallRecord::batchId)
                .containsOnly(calls.get(0).batchId());
        assertThat(calls.get(0).batchId()).isNotNull();
        assertThat(calls)
                .filteredOn(CallRecord::inBatch)
                .extracting(CallRecord::method, CallRecord::eventId, CallRecord::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DELETE", live, 204),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "nosuchevent", 404));
        assertThat(calls).filteredOn(CallRecord::wholeBatch).singleElement().satisfies(outer -> {
            assertThat(outer.path()).isEqualTo("/batch/calendar/v3");
            assertThat(outer.status()).isEqualTo(200);
        });
    }

    @Test
    void eachPartCountsAgainstTheQuota() throws IOException {
        standIn.createCalendar(CALENDAR);
        standIn.updateSettings(settings -> settings.perUserQuotaPerMinute(2));
        Map<String, String> outcomes = new ConcurrentHashMap<>();

        BatchRequest batch = calendar.batch();
        for (String name : List.of("first", "second", "third")) {
            calendar.events().delete(CALENDAR, "nosuchevent").queue(batch, recordInto(outcomes, name));
        }
        batch.execute();

        assertThat(outcomes)
                .isEqualTo(Map.of(
                        "first", "404 notFound",
                        "second", "404 notFound",
                        "third", "403 userRateLimitExceeded"));
    }

    @Test
    void moreThan50PartsIs400() throws IOException {
        standIn.createCalendar(CALENDAR);
        BatchRequest batch = calendar.batch();
        for (int i = 0; i < 51; i++) {
            calendar.events().delete(CALENDAR, "event" + i).queue(batch, recordInto(new ConcurrentHashMap<>(), "x"));
        }

        HttpResponseException error = catchThrowableOfType(HttpResponseException.class, batch::execute);

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getContent()).contains("\"reason\":\"badRequest\"");
    }

    @Test
    void aMalformedBatchIs400BadRequest() {
        HttpResponse<String> response = send(
                "POST",
                standIn.url() + "/batch/calendar/v3",
                "multipart/mixed; boundary=xyz",
                "--xyz\r\nContent-Type: application/http\r\n\r\nthis is not an HTTP request\r\n--xyz--\r\n");
        HttpResponse<String> notMultipart =
                send("POST", standIn.url() + "/batch/calendar/v3", "application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .startsWith("{\"error\":{\"code\":400,\"message\":\"Failed to parse batch request")
                .contains("\"domain\":\"global\",\"reason\":\"badRequest\"");
        assertThat(notMultipart.statusCode()).isEqualTo(400);
        assertThat(standIn.calls()).extracting(CallRecord::status).containsExactly(400, 400);
    }

    private static String insert(String summary) throws IOException {
        return calendar.events().insert(CALENDAR, meeting(summary)).execute().getId();
    }

    private static JsonBatchCallback<Void> recordInto(Map<String, String> outcomes, String name) {
        return new JsonBatchCallback<>() {
            @Override
            public void onSuccess(Void nothing, HttpHeaders headers) {
                outcomes.put(name, "success");
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                outcomes.put(
                        name, error.getCode() + " " + error.getErrors().get(0).getReason());
            }
        };
    }
}

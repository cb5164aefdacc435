package dev.deletionpipeline.localstack.calendar;

import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.meeting;
import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarStandInFaultsIT {

    /** 30 seconds into a minute, so an exhausted quota frees up in 30 seconds. */
    private static final Clock HALF_PAST_TEN_AND_30_SECONDS =
            Clock.fixed(Instant.parse("2026-03-02T10:30:30Z"), ZoneOffset.UTC);

    private static CalendarStandIn standIn;
    private static Calendar calendar;

    @BeforeAll
    static void start() {
        standIn = CalendarStandIn.start(CalendarStandInSettings.builder()
                .threads(2)
                .clock(HALF_PAST_TEN_AND_30_SECONDS)
                .build());
        calendar = GoogleCalendarClients.calendar(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void forgetEverything() {
        standIn.reset();
        standIn.createCalendar("a@example.com");
        standIn.createCalendar("b@example.com");
    }

    @Test
    void exceedingThePerProjectQuotaIs429WithRetryAfter() {
        standIn.updateSettings(settings -> settings.perProjectQuotaPerMinute(2));
        deleteStatus("a@example.com");
        deleteStatus("b@example.com");

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(429);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
        assertThat(error.getHeaders().getRetryAfter()).isEqualTo("30");
    }

    @Test
    void exceedingThePerUserQuotaIs403UserRateLimitExceededForThatUserOnly() {
        standIn.updateSettings(settings -> settings.perUserQuotaPerMinute(2));
        deleteStatus("a@example.com");
        deleteStatus("a@example.com");

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("userRateLimitExceeded");
        assertThat(error.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
        assertThat(error.getHeaders().getRetryAfter()).isNull();
        assertThat(deleteStatus("b@example.com")).isEqualTo(404);
    }

    @Test
    void thePerUserQuotaCanAnswer429Instead() {
        standIn.updateSettings(settings -> settings.perUserQuotaPerMinute(1)
                .userQuotaResponse(UserQuotaResponse.TOO_MANY_REQUESTS_RATE_LIMIT_EXCEEDED));
        deleteStatus("a@example.com");

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(429);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
        assertThat(error.getHeaders().getRetryAfter()).isEqualTo("30");
    }

    @Test
    void injected403IsRateLimitExceeded() {
        standIn.updateSettings(settings -> settings.faultRate(403, 1.0));

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
        assertThat(standIn.calls()).last().extracting(CallRecord::reason).isEqualTo("rateLimitExceeded");
    }

    @Test
    void aForbiddenEventIs403WithItsReasonWhileOtherEventsAnswerAsUsual() {
        standIn.updateSettings(
                settings -> settings.eventFault("nosuchevent", InjectedFault.forbidden("forbiddenForNonOrganizer")));

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getDetails().getMessage())
                .isEqualTo("Shared properties can only be changed by the organizer of the event.");
        assertThat(error.getDetails().getErrors().get(0).getDomain()).isEqualTo("global");
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("forbiddenForNonOrganizer");
        assertThat(standIn.calls()).last().extracting(CallRecord::reason).isEqualTo("forbiddenForNonOrganizer");
        assertThat(deleteStatus("a@example.com", "otherevent")).isEqualTo(404);
    }

    @Test
    void aCalendarFaultAnswersEveryCallToThatCalendarOnly() {
        standIn.updateSettings(settings ->
                settings.calendarFault("a@example.com", InjectedFault.forbidden("insufficientPermissions")));

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
        assertThat(deleteStatus("b@example.com")).isEqualTo(404);
        standIn.updateSettings(settings -> settings.noFaults());
        assertThat(deleteStatus("a@example.com")).isEqualTo(404);
    }

    @Test
    void calendarAndEventFaultsChangeOverHttp() {
        HttpResponse<String> changed = send(
                "PUT",
                standIn.url() + "/_standin/settings",
                "application/json",
                "{\"calendarFaults\":{\"a@example.com\":{\"status\":429,\"reason\":\"rateLimitExceeded\"}},"
                        + "\"eventFaults\":{\"x1\":{\"status\":403,\"reason\":\"insufficientPermissions\"}}}");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(standIn.settings().calendarFaults())
                .containsExactly(org.assertj.core.api.Assertions.entry(
                        "a@example.com", new InjectedFault(429, "rateLimitExceeded")));
        assertThat(standIn.settings().eventFaults()).containsKey("x1");
        assertThat(deleteFailure("a@example.com")
                        .getDetails()
                        .getErrors()
                        .get(0)
                        .getDomain())
                .isEqualTo("usageLimits");
        assertThat(send(
                                "PUT",
                                standIn.url() + "/_standin/settings",
                                "application/json",
                                "{\"eventFaults\":{\"x1\":{\"status\":403}}}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void injected500IsBackendError() {
        standIn.updateSettings(settings -> settings.faultRate(500, 1.0));

        GoogleJsonResponseException error = deleteFailure("a@example.com");

        assertThat(error.getStatusCode()).isEqualTo(500);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("backendError");
    }

    @Test
    void theSameSeedFailsTheSameCalls() {
        standIn.updateSettings(settings -> settings.faultRate(503, 0.5).randomSeed(7));
        List<Integer> firstRun = tenDeleteStatuses();
        standIn.updateSettings(settings -> settings.randomSeed(7));
        List<Integer> secondRun = tenDeleteStatuses();

        assertThat(firstRun).contains(503, 404).isEqualTo(secondRun);
    }

    @Test
    void settingsChangeOverHttpAndResetRestoresTheStartSettings() {
        HttpResponse<String> changed = send(
                "PUT",
                standIn.url() + "/_standin/settings",
                "application/json",
                "{\"faultRates\":{\"503\":1.0},\"latency\":\"PT0.001S\",\"perUserQuotaPerMinute\":600}");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("\"503\":1.0", "\"perUserQuotaPerMinute\":600");
        assertThat(standIn.settings().latency()).isEqualTo(Duration.ofMillis(1));
        assertThat(deleteStatus("a@example.com")).isEqualTo(503);

        assertThat(send("POST", standIn.url() + "/_standin/reset", null, null).statusCode())
                .isEqualTo(204);
        standIn.createCalendar("a@example.com");
        assertThat(standIn.settings().faultRates()).isEmpty();
        assertThat(deleteStatus("a@example.com")).isEqualTo(404);
    }

    @Test
    void anUnknownSettingIsRejected() {
        HttpResponse<String> rejected =
                send("PUT", standIn.url() + "/_standin/settings", "application/json", "{\"latencyMs\":5}");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("latencyMs");
    }

    @Test
    void latencyDelaysAnswersWithoutHoldingRequestThreads() throws Exception {
        standIn.updateSettings(settings -> settings.latency(Duration.ofMillis(500)));
        Calendar client = GoogleCalendarClients.calendar(standIn);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                client.events()
                                        .insert("a@example.com", meeting("slow"))
                                        .execute();
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        callers));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            // 2 request threads waiting 500 ms each in turn would need 4 s for 16 calls
            assertThat(elapsed).isBetween(Duration.ofMillis(500), Duration.ofMillis(3_000));
            assertThat(standIn.calls())
                    .hasSize(16)
                    .allSatisfy(call -> assertThat(call.latencyNanos())
                            .isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos()));
        } finally {
            callers.shutdownNow();
        }
    }

    private List<Integer> tenDeleteStatuses() {
        return IntStream.range(0, 10)
                .mapToObj(i -> deleteStatus("a@example.com"))
                .toList();
    }

    private static int deleteStatus(String calendarId) {
        return deleteStatus(calendarId, "nosuchevent");
    }

    private static int deleteStatus(String calendarId, String eventId) {
        try {
            return calendar.events()
                    .delete(calendarId, eventId)
                    .executeUnparsed()
                    .getStatusCode();
        } catch (GoogleJsonResponseException error) {
            return error.getStatusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static GoogleJsonResponseException deleteFailure(String calendarId) {
        return catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.events().delete(calendarId, "nosuchevent").execute());
    }
}

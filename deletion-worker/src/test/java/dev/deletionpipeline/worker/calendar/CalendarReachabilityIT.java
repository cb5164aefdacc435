package dev.deletionpipeline.worker.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.localstack.calendar.InjectedFault;
import dev.deletionpipeline.worker.TestClock;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.calendar.GoogleCalendarDeleter.GoogleSettings;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a 404 to an event's delete becomes ({@link GoogleCalendarDeleter#confirmGone}), decided by asking the stand-in's
 * {@code calendars.get} with the real Google client: already gone while the calendar answers (asked once per TTL),
 * {@code CALENDAR_UNREACHABLE} when it answers 404 or 403, a retry when it cannot answer now.
 */
class CalendarReachabilityIT {

    private static final CalendarStandIn standIn = CalendarStandIn.start();

    private final TestClock clock = new TestClock();
    private final GoogleCalendarDeleter reachability =
            new GoogleCalendarDeleter(new NetHttpTransport(), ownerId -> OwnerCredential.NONE, settings(), clock);
    private final UUID owner = UUID.randomUUID();
    private final GoogleAnswer notFound =
            GoogleAnswer.classify(404, "notFound", null, "Not Found", Instant.parse("2026-03-02T10:00:00Z"));

    @AfterEach
    void stopDeleter() {
        reachability.destroy();
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
    void aCalendarThatAnswersLeavesThe404AsAlreadyGoneAndIsAskedOncePerTtl() {
        standIn.createCalendar("team@example.com");

        Optional<GoogleAnswer> first =
                reachability.confirmGone(owner, OwnerCredential.NONE, "team@example.com", notFound);
        Optional<GoogleAnswer> cached =
                reachability.confirmGone(owner, OwnerCredential.NONE, "team@example.com", notFound);
        clock.advance(Duration.ofMinutes(6));
        Optional<GoogleAnswer> afterTtl =
                reachability.confirmGone(owner, OwnerCredential.NONE, "team@example.com", notFound);

        assertThat(first).isEmpty();
        assertThat(cached).isEmpty();
        assertThat(afterTtl).isEmpty();
        assertThat(calendarGets("team@example.com"))
                .extracting(CallRecord::status)
                .containsExactly(200, 200);
    }

    @Test
    void aCalendarTakenAwayMakesThe404CalendarUnreachableAndIsAskedAgainNextTime() {
        standIn.createCalendar("lost@example.com");
        standIn.revokeCalendar("lost@example.com", null);

        Optional<GoogleAnswer> unreachable =
                reachability.confirmGone(owner, OwnerCredential.NONE, "lost@example.com", notFound);
        standIn.restoreCalendar("lost@example.com", null);
        Optional<GoogleAnswer> restored =
                reachability.confirmGone(owner, OwnerCredential.NONE, "lost@example.com", notFound);

        assertThat(unreachable).hasValueSatisfying(answer -> {
            assertThat(answer.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(answer.failureReason()).isEqualTo(DeadLetterReason.CALENDAR_UNREACHABLE.name());
            assertThat(answer.httpStatus()).isEqualTo(404);
            assertThat(answer.detail()).contains("calendars.get", "404");
        });
        assertThat(restored).isEmpty();
        assertThat(calendarGets("lost@example.com"))
                .extracting(CallRecord::status)
                .containsExactly(404, 200);
    }

    @Test
    void aForbiddenCalendarIsUnreachable() {
        standIn.createCalendar("shared@example.com");
        standIn.updateSettings(
                s -> s.calendarFault("shared@example.com", InjectedFault.forbidden("insufficientPermissions")));

        Optional<GoogleAnswer> answer =
                reachability.confirmGone(owner, OwnerCredential.NONE, "shared@example.com", notFound);

        assertThat(answer).map(GoogleAnswer::failureReason).contains(DeadLetterReason.CALENDAR_UNREACHABLE.name());
    }

    @Test
    void aCalendarThatCannotAnswerNowIsRetriedNotGivenUp() {
        standIn.createCalendar("busy@example.com");
        standIn.updateSettings(s -> s.faultRate(503, 1.0));
        Optional<GoogleAnswer> unavailable =
                reachability.confirmGone(owner, OwnerCredential.NONE, "busy@example.com", notFound);
        standIn.updateSettings(s -> s.noFaults().faultRate(429, 1.0));
        Optional<GoogleAnswer> rateLimited =
                reachability.confirmGone(owner, OwnerCredential.NONE, "busy@example.com", notFound);
        standIn.updateSettings(s -> s.noFaults());
        standIn.refuseConnections();
        Optional<GoogleAnswer> noAnswer;
        try {
            noAnswer = reachability.confirmGone(owner, OwnerCredential.NONE, "busy@example.com", notFound);
        } finally {
            standIn.acceptConnections();
        }

        assertThat(unavailable).map(GoogleAnswer::verdict).contains(Verdict.RETRY);
        assertThat(rateLimited).map(GoogleAnswer::verdict).contains(Verdict.RATE_LIMITED);
        assertThat(noAnswer).map(GoogleAnswer::verdict).contains(Verdict.RETRY);
        assertThat(List.of(unavailable, rateLimited, noAnswer))
                .allSatisfy(
                        answer -> assertThat(answer.orElseThrow().retryable()).isTrue());
    }

    private static List<CallRecord> calendarGets(String calendarId) {
        return standIn.calls().stream()
                .filter(call -> call.method().equals("GET") && calendarId.equals(call.calendarId()))
                .toList();
    }

    private static GoogleSettings settings() {
        return new GoogleSettings(
                standIn.rootUrl(),
                "reachability-it",
                "none",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                4,
                50,
                Duration.ofMinutes(5),
                100);
    }
}

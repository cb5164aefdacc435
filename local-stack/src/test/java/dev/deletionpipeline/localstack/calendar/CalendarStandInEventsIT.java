package dev.deletionpipeline.localstack.calendar;

import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.meeting;
import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.send;
import static dev.deletionpipeline.localstack.calendar.GoogleCalendarClients.weeklySeries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarStandInEventsIT {

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
    void insertedEventCarriesTheFieldsGoogleAdds() throws IOException {
        Event inserted = calendar.events().insert(CALENDAR, meeting("standup")).execute();

        assertThat(inserted.getId()).matches("[a-v0-9]{26}");
        assertThat(inserted.getStatus()).isEqualTo("confirmed");
        assertThat(inserted.getEtag()).startsWith("\"").endsWith("\"");
        assertThat(inserted.getHtmlLink()).startsWith("https://www.google.com/calendar/event?eid=");
        assertThat(inserted.getCreated()).isNotNull();
        assertThat(inserted.getUpdated()).isNotNull();
        assertThat(inserted.getSummary()).isEqualTo("standup");
    }

    @Test
    void insertKeepsAClientChosenIdAndRejectsItTwice() throws IOException {
        Event inserted = calendar.events()
                .insert(CALENDAR, meeting("a").setId("block00042"))
                .execute();
        assertThat(inserted.getId()).isEqualTo("block00042");

        GoogleJsonResponseException duplicate = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.events()
                        .insert(CALENDAR, meeting("b").setId("block00042"))
                        .execute());
        assertThat(duplicate.getStatusCode()).isEqualTo(409);
        assertThat(duplicate.getDetails().getErrors().get(0).getReason()).isEqualTo("duplicate");
    }

    @Test
    void insertThenDeleteAnswers204AndRecordsSendUpdates() throws IOException {
        Event inserted = calendar.events().insert(CALENDAR, meeting("standup")).execute();

        int status = calendar.events()
                .delete(CALENDAR, inserted.getId())
                .setSendUpdates("none")
                .executeUnparsed()
                .getStatusCode();

        assertThat(status).isEqualTo(204);
        assertThat(standIn.event(CALENDAR, inserted.getId()).orElseThrow().sendUpdates())
                .isEqualTo("none");
        assertThat(standIn.calls()).last().satisfies(call -> {
            assertThat(call.status()).isEqualTo(204);
            assertThat(call.sendUpdates()).isEqualTo("none");
            assertThat(call.eventId()).isEqualTo(inserted.getId());
        });
    }

    @Test
    void deletingAnUnknownEventIs404NotFound() {
        standIn.createCalendar(CALENDAR);

        GoogleJsonResponseException error = deleteFailure(CALENDAR, "nosuchevent");

        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getDetails().getMessage()).isEqualTo("Not Found");
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        assertThat(error.getDetails().getErrors().get(0).getDomain()).isEqualTo("global");
    }

    @Test
    void deletingTwiceIs410Deleted() throws IOException {
        Event inserted = calendar.events().insert(CALENDAR, meeting("standup")).execute();
        calendar.events().delete(CALENDAR, inserted.getId()).execute();

        GoogleJsonResponseException error = deleteFailure(CALENDAR, inserted.getId());

        assertThat(error.getStatusCode()).isEqualTo(410);
        assertThat(error.getDetails().getMessage()).isEqualTo("Resource has been deleted");
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("deleted");
    }

    @Test
    void aDeletedEventStaysReadableAsCancelled() throws IOException {
        Event inserted = calendar.events().insert(CALENDAR, meeting("standup")).execute();
        calendar.events().delete(CALENDAR, inserted.getId()).execute();

        Event read = calendar.events().get(CALENDAR, inserted.getId()).execute();

        assertThat(read.getStatus()).isEqualTo("cancelled");
        assertThat(read.getSummary()).isEqualTo("standup");
        assertThat(standIn.event(CALENDAR, inserted.getId()).orElseThrow().deletedAt())
                .isNotNull();
    }

    @Test
    void readingAnUnknownEventIs404() {
        standIn.createCalendar(CALENDAR);

        GoogleJsonResponseException error = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.events().get(CALENDAR, "nosuchevent").execute());

        assertThat(error.getStatusCode()).isEqualTo(404);
    }

    @Test
    void callsToAnUnknownCalendarAre404NotFound() {
        standIn.updateSettings(settings -> settings.autoCreateCalendars(false));

        GoogleJsonResponseException onDelete = deleteFailure("nobody@example.com", "someevent");
        GoogleJsonResponseException onInsert = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.events()
                        .insert("nobody@example.com", meeting("x"))
                        .execute());

        assertThat(onDelete.getStatusCode()).isEqualTo(404);
        assertThat(onDelete.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        assertThat(onInsert.getStatusCode()).isEqualTo(404);
        assertThat(standIn.calendarExists("nobody@example.com")).isFalse();
    }

    @Test
    void calendarsGetAnswersAnExistingCalendarAnd404ForAnUnknownOne() throws IOException {
        standIn.createCalendar(CALENDAR);

        com.google.api.services.calendar.model.Calendar found =
                calendar.calendars().get(CALENDAR).execute();
        GoogleJsonResponseException unknown = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.calendars().get("nobody@example.com").execute());

        assertThat(found.getId()).isEqualTo(CALENDAR);
        assertThat(found.getSummary()).isEqualTo(CALENDAR);
        assertThat(found.getKind()).isEqualTo("calendar#calendar");
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
    }

    @Test
    void aCalendarTakenAwayAnswers404WhileItsEventsStayLiveUntilItIsGivenBack() throws IOException {
        Event inserted = calendar.events().insert(CALENDAR, meeting("standup")).execute();

        HttpResponse<String> revoked =
                send("POST", standIn.url() + "/_standin/calendars/owner%40example.com/revoke", null, null);
        GoogleJsonResponseException onDelete = deleteFailure(CALENDAR, inserted.getId());
        GoogleJsonResponseException onGet = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.calendars().get(CALENDAR).execute());

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(onDelete.getStatusCode()).isEqualTo(404);
        assertThat(onDelete.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        assertThat(onGet.getStatusCode()).isEqualTo(404);
        assertThat(standIn.event(CALENDAR, inserted.getId()).orElseThrow().deleted())
                .isFalse();

        HttpResponse<String> restored =
                send("POST", standIn.url() + "/_standin/calendars/owner%40example.com/restore", null, null);

        assertThat(restored.statusCode()).isEqualTo(204);
        assertThat(calendar.calendars().get(CALENDAR).execute().getId()).isEqualTo(CALENDAR);
        assertThat(calendar.events()
                        .delete(CALENDAR, inserted.getId())
                        .executeUnparsed()
                        .getStatusCode())
                .isEqualTo(204);
    }

    @Test
    void aCalendarCreatedThroughTheAdminCallAcceptsEvents() throws IOException {
        standIn.updateSettings(settings -> settings.autoCreateCalendars(false));

        HttpResponse<String> created =
                send("PUT", standIn.url() + "/_standin/calendars/team%40example.com", null, null);
        Event inserted =
                calendar.events().insert("team@example.com", meeting("x")).execute();

        assertThat(created.statusCode()).isEqualTo(204);
        assertThat(inserted.getId()).isNotBlank();
    }

    @Test
    void malformedJsonOnInsertIs400ParseError() {
        HttpResponse<String> response = send(
                "POST",
                standIn.url() + "/calendar/v3/calendars/" + CALENDAR + "/events",
                "application/json",
                "{\"summary\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"code\":400,\"message\":\"Parse Error\",\"errors\":[{\"domain\":\"global\","
                        + "\"reason\":\"parseError\",\"message\":\"Parse Error\"}]}}");
    }

    @Test
    void aGzippedInsertBodyIsAccepted() throws IOException {
        String json = "{\"summary\":\"zipped\",\"start\":{\"date\":\"2026-03-02\"},\"end\":{\"date\":\"2026-03-03\"}}";
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        HttpResponse<String> response = GoogleCalendarClients.sendGzipped(
                standIn.url() + "/calendar/v3/calendars/" + CALENDAR + "/events", zipped.toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(standIn.events())
                .singleElement()
                .satisfies(event ->
                        assertThat(event.resource().get("summary").asString()).isEqualTo("zipped"));
    }

    @Test
    void anEventWithoutTimesIs400Required() {
        GoogleJsonResponseException error = catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.events()
                        .insert(CALENDAR, new Event().setSummary("x"))
                        .execute());

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getDetails().getErrors().get(0).getReason()).isEqualTo("required");
    }

    @Test
    void deletingARecurringSeriesCancelsItsInstances() throws IOException {
        Event series =
                calendar.events().insert(CALENDAR, weeklySeries("weekly")).execute();
        Event first = calendar.events()
                .insert(CALENDAR, meeting("weekly").setRecurringEventId(series.getId()))
                .execute();
        Event second = calendar.events()
                .insert(CALENDAR, meeting("weekly").setRecurringEventId(series.getId()))
                .execute();
        Event unrelated = calendar.events().insert(CALENDAR, meeting("other")).execute();

        calendar.events().delete(CALENDAR, series.getId()).execute();

        assertThat(calendar.events().get(CALENDAR, first.getId()).execute().getStatus())
                .isEqualTo("cancelled");
        assertThat(calendar.events().get(CALENDAR, second.getId()).execute().getStatus())
                .isEqualTo("cancelled");
        assertThat(calendar.events().get(CALENDAR, unrelated.getId()).execute().getStatus())
                .isEqualTo("confirmed");
        assertThat(calendar.events().get(CALENDAR, series.getId()).execute().getRecurrence())
                .containsExactly("RRULE:FREQ=WEEKLY;COUNT=3");
        assertThat(deleteFailure(CALENDAR, first.getId()).getStatusCode()).isEqualTo(410);
    }

    @Test
    void inspectionCallListsLiveAndDeletedEvents() throws IOException {
        Event kept = calendar.events().insert(CALENDAR, meeting("kept")).execute();
        Event gone = calendar.events().insert(CALENDAR, meeting("gone")).execute();
        calendar.events().delete(CALENDAR, gone.getId()).execute();

        HttpResponse<String> listed = send("GET", standIn.url() + "/_standin/events", null, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(kept.getId(), gone.getId(), "\"deletedAt\"");
        assertThat(standIn.events())
                .extracting(StandInEvent::id, StandInEvent::deleted)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(kept.getId(), false),
                        org.assertj.core.groups.Tuple.tuple(gone.getId(), true));
    }

    private static GoogleJsonResponseException deleteFailure(String calendarId, String eventId) {
        return catchThrowableOfType(
                GoogleJsonResponseException.class,
                () -> calendar.events().delete(calendarId, eventId).execute());
    }
}

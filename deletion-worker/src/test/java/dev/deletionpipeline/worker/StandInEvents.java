package dev.deletionpipeline.worker;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Puts events into the Google Calendar stand-in through the real client, and reads its call log. */
public final class StandInEvents {

    private final CalendarStandIn standIn;
    private final Calendar calendar;

    public StandInEvents(CalendarStandIn standIn) {
        this.standIn = standIn;
        this.calendar = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), request -> {})
                .setRootUrl(standIn.rootUrl())
                .setApplicationName("worker-tests")
                .build();
    }

    /** A fresh Google-shaped event id (base32hex). */
    public static String newEventId() {
        return "ev" + UUID.randomUUID().toString().replace("-", "");
    }

    public String insert(String calendarId) {
        return insert(calendarId, new Event().setId(newEventId()), null);
    }

    /** Inserts a recurring series' event; {@link #insertInstance} adds its instances. */
    public String insertSeries(String calendarId) {
        return insert(
                calendarId, new Event().setId(newEventId()).setRecurrence(List.of("RRULE:FREQ=DAILY;COUNT=3")), null);
    }

    public String insertInstance(String calendarId, String seriesId) {
        return insert(calendarId, new Event().setId(newEventId()).setRecurringEventId(seriesId), null);
    }

    /** @param bearer nullable: an access token, when the stand-in asks for one */
    public String insert(String calendarId, Event event, String bearer) {
        DateTime start = new DateTime(System.currentTimeMillis() + 86_400_000L);
        DateTime end = new DateTime(start.getValue() + 3_600_000L);
        event.setSummary("event")
                .setStart(new EventDateTime().setDateTime(start))
                .setEnd(new EventDateTime().setDateTime(end));
        try {
            Calendar.Events.Insert insert = calendar.events().insert(calendarId, event);
            if (bearer != null) {
                insert.getRequestHeaders().setAuthorization("Bearer " + bearer);
            }
            return insert.execute().getId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean deleted(String calendarId, String eventId) {
        return standIn.event(calendarId, eventId).orElseThrow().deleted();
    }

    /** The DELETE calls for this event, single or inside a batch, oldest first. */
    public List<CallRecord> deletes(String eventId) {
        return standIn.calls().stream()
                .filter(call -> call.method().equals("DELETE") && eventId.equals(call.eventId()))
                .toList();
    }
}

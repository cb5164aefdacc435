package dev.deletionpipeline.localstack.calendar;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An event as the stand-in holds it, live or deleted, for tests and the {@code GET /_standin/events} inspection call.
 *
 * @param calendarId the calendar it lives in
 * @param id Google's event id
 * @param status {@code confirmed}, {@code tentative} or {@code cancelled}
 * @param recurringEventId the series this event is an instance of, or null
 * @param deletedAt when it was deleted (itself or through its series), null while live
 * @param sendUpdates the {@code sendUpdates} parameter of the delete that removed it, or null
 * @param resource a copy of the full event resource as {@code events.get} returns it
 */
public record StandInEvent(
        String calendarId,
        String id,
        String status,
        String recurringEventId,
        Instant deletedAt,
        String sendUpdates,
        JsonNode resource) {

    public boolean deleted() {
        return deletedAt != null;
    }
}

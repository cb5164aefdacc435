package dev.deletionpipeline.localstack.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stand-in's calendars and events, in memory. A deleted event is kept (status {@code cancelled}) because Google
 * keeps it readable and answers a second delete with 410; series keep an index of their instances so that deleting
 * the series cancels them all.
 */
final class EventStore {

    enum InsertOutcome {
        INSERTED,
        NO_CALENDAR,
        DUPLICATE
    }

    enum DeleteOutcome {
        DELETED,
        NOT_FOUND,
        ALREADY_DELETED
    }

    private final ConcurrentHashMap<String, CalendarEvents> calendars = new ConcurrentHashMap<>();

    void createCalendar(String calendarId) {
        calendars.computeIfAbsent(calendarId, CalendarEvents::new);
    }

    boolean calendarExists(String calendarId) {
        return calendars.containsKey(calendarId);
    }

    InsertOutcome insert(String calendarId, ObjectNode resource, boolean createCalendar) {
        CalendarEvents events =
                createCalendar ? calendars.computeIfAbsent(calendarId, CalendarEvents::new) : calendars.get(calendarId);
        if (events == null) {
            return InsertOutcome.NO_CALENDAR;
        }
        // the calendar's own id string, so that its events share one instance instead of one per request
        StoredEvent stored = StoredEvent.live(events.calendarId, resource);
        if (events.byId.putIfAbsent(stored.id(), stored) != null) {
            return InsertOutcome.DUPLICATE;
        }
        String seriesId = stored.recurringEventId();
        if (seriesId != null) {
            events.instancesBySeries
                    .computeIfAbsent(seriesId, id -> ConcurrentHashMap.newKeySet())
                    .add(stored.id());
        }
        return InsertOutcome.INSERTED;
    }

    Optional<StoredEvent> get(String calendarId, String eventId) {
        CalendarEvents events = calendars.get(calendarId);
        return events == null ? Optional.empty() : Optional.ofNullable(events.byId.get(eventId));
    }

    /** Cancels the event, and every instance of it when it is a recurring series. */
    DeleteOutcome delete(String calendarId, String eventId, String sendUpdates, Instant now) {
        CalendarEvents events = calendars.get(calendarId);
        if (events == null) {
            return DeleteOutcome.NOT_FOUND;
        }
        DeleteOutcome[] outcome = {DeleteOutcome.NOT_FOUND};
        StoredEvent after = events.byId.computeIfPresent(eventId, (id, event) -> {
            outcome[0] = event.deleted() ? DeleteOutcome.ALREADY_DELETED : DeleteOutcome.DELETED;
            return event.deleted() ? event : event.cancelled(now, EventResource.etag(now), sendUpdates);
        });
        if (outcome[0] == DeleteOutcome.DELETED && after.isSeries()) {
            cancelInstances(events, eventId, sendUpdates, now);
        }
        return outcome[0];
    }

    List<StandInEvent> all() {
        List<StandInEvent> all = new ArrayList<>();
        calendars.values().forEach(events -> events.byId.values().forEach(event -> all.add(event.view())));
        all.sort(Comparator.comparing(StandInEvent::calendarId).thenComparing(StandInEvent::id));
        return all;
    }

    void clear() {
        calendars.clear();
    }

    private static void cancelInstances(CalendarEvents events, String seriesId, String sendUpdates, Instant now) {
        Set<String> instanceIds = events.instancesBySeries.getOrDefault(seriesId, Set.of());
        for (String instanceId : instanceIds) {
            events.byId.computeIfPresent(
                    instanceId,
                    (id, instance) -> instance.deleted()
                            ? instance
                            : instance.cancelled(now, EventResource.etag(now), sendUpdates));
        }
    }

    private static final class CalendarEvents {
        private final String calendarId;
        private final ConcurrentHashMap<String, StoredEvent> byId = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, Set<String>> instancesBySeries = new ConcurrentHashMap<>();

        private CalendarEvents(String calendarId) {
            this.calendarId = calendarId;
        }
    }
}

package dev.deletionpipeline.localstack.calendar;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Immutable holder of one stored event; its resource is never changed after it is stored (copies are made). */
record StoredEvent(String calendarId, ObjectNode resource, Instant deletedAt, String sendUpdates) {

    String id() {
        return resource.path("id").asString();
    }

    boolean deleted() {
        return deletedAt != null;
    }

    boolean isSeries() {
        return resource.has("recurrence");
    }

    String recurringEventId() {
        return resource.hasNonNull("recurringEventId")
                ? resource.get("recurringEventId").asString()
                : null;
    }

    StoredEvent cancelled(Instant now, String etag, String sendUpdatesParameter) {
        ObjectNode copy = resource.deepCopy();
        copy.put("status", "cancelled")
                .put("updated", EventResource.rfc3339(now))
                .put("etag", etag);
        return new StoredEvent(calendarId, copy, now, sendUpdatesParameter);
    }

    StandInEvent view() {
        return new StandInEvent(
                calendarId,
                id(),
                resource.path("status").asString(),
                recurringEventId(),
                deletedAt,
                sendUpdates,
                resource.deepCopy());
    }
}

package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.common.json.EventJson;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * Immutable holder of one stored event. The resource is kept as its JSON bytes, not as a Jackson tree: a tree of a
 * typical event weighs several kilobytes on the heap, its bytes a few hundred, and a benchmark keeps hundreds of
 * thousands of events. The fields the store looks up on every call are kept beside it.
 */
final class StoredEvent {

    private final String calendarId;
    private final String id;
    private final String recurringEventId;
    private final boolean series;
    private final byte[] json;
    private final Instant deletedAt;
    private final String sendUpdates;

    private StoredEvent(
            String calendarId,
            String id,
            String recurringEventId,
            boolean series,
            byte[] json,
            Instant deletedAt,
            String sendUpdates) {
        this.calendarId = calendarId;
        this.id = id;
        this.recurringEventId = recurringEventId;
        this.series = series;
        this.json = json;
        this.deletedAt = deletedAt;
        this.sendUpdates = sendUpdates;
    }

    /** A live event; the resource is copied, later changes to it are not seen. */
    static StoredEvent live(String calendarId, ObjectNode resource) {
        return new StoredEvent(
                calendarId,
                resource.path("id").asString(),
                resource.hasNonNull("recurringEventId")
                        ? resource.get("recurringEventId").asString()
                        : null,
                resource.has("recurrence"),
                EventJson.mapper().writeValueAsBytes(resource),
                null,
                null);
    }

    String id() {
        return id;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    boolean isSeries() {
        return series;
    }

    String recurringEventId() {
        return recurringEventId;
    }

    /** The event resource as {@code events.get} returns it: a fresh tree on every call. */
    ObjectNode resource() {
        return (ObjectNode) EventJson.mapper().readTree(json);
    }

    /** The resource's JSON bytes, to answer {@code events.get} without building a tree. */
    byte[] json() {
        return json.clone();
    }

    StoredEvent cancelled(Instant now, String etag, String sendUpdatesParameter) {
        ObjectNode copy = resource();
        copy.put("status", "cancelled")
                .put("updated", EventResource.rfc3339(now))
                .put("etag", etag);
        return new StoredEvent(
                calendarId,
                id,
                recurringEventId,
                series,
                EventJson.mapper().writeValueAsBytes(copy),
                now,
                sendUpdatesParameter);
    }

    StandInEvent view() {
        ObjectNode resource = resource();
        return new StandInEvent(
                calendarId, id, resource.path("status").asString(), recurringEventId, deletedAt, sendUpdates, resource);
    }
}

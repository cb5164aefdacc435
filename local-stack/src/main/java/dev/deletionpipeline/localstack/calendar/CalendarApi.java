package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.common.json.EventJson;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Calendar v3 calls this project makes ({@code events.insert}, {@code events.get}, {@code events.delete},
 * {@code calendars.get}), answered as Google answers them. Used for plain requests and for each part of a batch alike.
 */
final class CalendarApi {

    static final String ROOT = "/calendar/v3/";

    private final StandInState state;
    private final CallGate gate;

    CalendarApi(StandInState state) {
        this.state = state;
        this.gate = new CallGate(state);
    }

    /**
     * Path of a calendar call under {@link #ROOT}: {@code calendars/{calendarId}} (the calendar itself) or
     * {@code calendars/{calendarId}/events[/{eventId}]}.
     *
     * @param eventId nullable: null for the events collection and for the calendar itself
     */
    record Target(String calendarId, String eventId, boolean calendarItself) {

        static Target parse(String rawPath) {
            if (!rawPath.startsWith(ROOT)) {
                return null;
            }
            String[] segments = rawPath.substring(ROOT.length()).split("/", -1);
            if (segments.length == 2 && segments[0].equals("calendars") && !segments[1].isEmpty()) {
                return new Target(ApiRequest.decodePathSegment(segments[1]), null, true);
            }
            boolean shaped = (segments.length == 3 || segments.length == 4)
                    && segments[0].equals("calendars")
                    && !segments[1].isEmpty()
                    && segments[2].equals("events");
            if (!shaped || (segments.length == 4 && segments[3].isEmpty())) {
                return null;
            }
            String eventId = segments.length == 4 ? ApiRequest.decodePathSegment(segments[3]) : null;
            return new Target(ApiRequest.decodePathSegment(segments[1]), eventId, false);
        }
    }

    ApiResponse handle(ApiRequest request) {
        Target target = Target.parse(request.rawPath());
        if (target == null) {
            return GoogleErrors.notFound();
        }
        CallGate.Admission admission = gate.admit(request, target);
        ApiResponse response = !admission.admitted()
                ? admission.rejection()
                : state.access.revoked(target.calendarId(), admission.user())
                        ? GoogleErrors.notFound()
                        : dispatch(request, target);
        return response.about(target.calendarId(), target.eventId()).by(admission.user());
    }

    private ApiResponse dispatch(ApiRequest request, Target target) {
        String method = request.method();
        if (target.calendarItself()) {
            return method.equals("GET") ? calendar(target.calendarId()) : GoogleErrors.notFound();
        }
        if (target.eventId() == null) {
            return method.equals("POST") ? insert(target.calendarId(), request.body()) : GoogleErrors.notFound();
        }
        return switch (method) {
            case "GET" -> get(target);
            case "DELETE" -> delete(target, request.queryParameter("sendUpdates"));
            default -> GoogleErrors.notFound();
        };
    }

    private ApiResponse insert(String calendarId, byte[] body) {
        ObjectNode input;
        try {
            JsonNode parsed = body.length == 0
                    ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(body);
            if (!(parsed instanceof ObjectNode)) {
                return GoogleErrors.parseError();
            }
            input = (ObjectNode) parsed;
        } catch (JacksonException malformed) {
            return GoogleErrors.parseError();
        }
        ApiResponse invalid = validate(input);
        if (invalid != null) {
            return invalid;
        }
        String id = input.hasNonNull("id") ? input.get("id").asString() : EventResource.newId();
        ObjectNode event = EventResource.complete(input, calendarId, id, state.now());
        return switch (state.events.insert(calendarId, event, state.settings().autoCreateCalendars())) {
            case INSERTED ->
                ApiResponse.json(200, EventJson.mapper().writeValueAsBytes(event))
                        .about(calendarId, id);
            case NO_CALENDAR -> GoogleErrors.notFound();
            case DUPLICATE -> GoogleErrors.duplicate();
        };
    }

    /** The checks Google makes on an inserted event that a test is likely to trip over. */
    private static ApiResponse validate(ObjectNode input) {
        if (input.hasNonNull("id")
                && !EventResource.VALID_ID.matcher(input.get("id").asString()).matches()) {
            return GoogleErrors.invalid("Invalid resource id value.");
        }
        if (!input.hasNonNull("end")) {
            return GoogleErrors.required("Missing end time.");
        }
        if (!input.hasNonNull("start")) {
            return GoogleErrors.required("Missing start time.");
        }
        return null;
    }

    /** {@code calendars.get}: the calendar's metadata, as Google gives it to a caller who can see the calendar. */
    private ApiResponse calendar(String calendarId) {
        if (!state.events.calendarExists(calendarId)) {
            return GoogleErrors.notFound();
        }
        ObjectNode resource = EventJson.mapper().createObjectNode();
        resource.put("kind", "calendar#calendar");
        resource.put("etag", EventResource.etag(state.now()));
        resource.put("id", calendarId);
        resource.put("summary", calendarId);
        resource.put("timeZone", "UTC");
        return ApiResponse.json(200, EventJson.mapper().writeValueAsBytes(resource));
    }

    private ApiResponse get(Target target) {
        return state.events
                .get(target.calendarId(), target.eventId())
                .map(event -> ApiResponse.json(200, event.json()))
                .orElseGet(GoogleErrors::notFound);
    }

    private ApiResponse delete(Target target, String sendUpdates) {
        Instant now = state.now();
        return switch (state.events.delete(target.calendarId(), target.eventId(), sendUpdates, now)) {
            case DELETED -> ApiResponse.noContent();
            case NOT_FOUND -> GoogleErrors.notFound();
            case ALREADY_DELETED -> GoogleErrors.deleted();
        };
    }
}

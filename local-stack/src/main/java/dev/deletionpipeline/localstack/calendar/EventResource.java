package dev.deletionpipeline.localstack.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills in what Google adds to an inserted event (id, etag, htmlLink, timestamps, organizer...), so a client reading
 * it back sees the same fields it would see from Google.
 */
final class EventResource {

    /** Google accepts only base32hex characters (a-v, 0-9), 5 to 1024 of them, as a client-chosen event id. */
    static final Pattern VALID_ID = Pattern.compile("[a-v0-9]{5,1024}");

    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final AtomicLong ETAG_SEQUENCE = new AtomicLong();

    private EventResource() {}

    static ObjectNode complete(ObjectNode input, String calendarId, String id, Instant now) {
        ObjectNode event = input.deepCopy();
        event.put("kind", "calendar#event");
        event.put("etag", etag(now));
        event.put("id", id);
        String status = event.path("status").asString("");
        event.put("status", status.equals("tentative") ? "tentative" : "confirmed");
        event.put("htmlLink", htmlLink(calendarId, id));
        event.put("created", rfc3339(now));
        event.put("updated", rfc3339(now));
        putIfAbsent(event, "iCalUID", id + "@google.com");
        if (!event.has("sequence")) {
            event.put("sequence", 0);
        }
        if (!event.has("creator")) {
            event.putObject("creator").put("email", calendarId).put("self", true);
        }
        if (!event.has("organizer")) {
            event.putObject("organizer").put("email", calendarId).put("self", true);
        }
        if (!event.has("reminders")) {
            event.putObject("reminders").put("useDefault", true);
        }
        putIfAbsent(event, "eventType", "default");
        return event;
    }

    /** 26 base32hex characters from 128 random bits, like the ids Google generates. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(26);
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 13; i++) {
            id.append(BASE32HEX[(int) (high & 31)]);
            high >>>= 5;
            id.append(BASE32HEX[(int) (low & 31)]);
            low >>>= 5;
        }
        return id.toString();
    }

    /** Quoted and unique per change, as Google's etags are. */
    static String etag(Instant now) {
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return "\"" + (micros * 1_000 + ETAG_SEQUENCE.incrementAndGet() % 1_000) + "\"";
    }

    static String rfc3339(Instant instant) {
        return RFC3339.format(instant);
    }

    private static String htmlLink(String calendarId, String id) {
        String eid = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((id + " " + calendarId).getBytes(StandardCharsets.UTF_8));
        return "https://www.google.com/calendar/event?eid=" + eid;
    }

    private static void putIfAbsent(ObjectNode event, String field, String value) {
        if (!event.hasNonNull(field)) {
            event.put(field, value);
        }
    }
}

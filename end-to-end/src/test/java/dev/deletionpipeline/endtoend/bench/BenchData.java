package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.localstack.auth.DevTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Seeds what a calendar sync and a sign-in would have left: owners with a session and a bearer token, and calendars of
 * blocks shaped like synced Google events (a few hundred bytes of event JSON each), written set-based in one statement
 * per calendar. Each block's event also goes into the stand-in (unless told otherwise), so that the worker's deletes
 * find a real event to delete instead of a cheaper 404.
 *
 * <p>Writes {@code owners}, {@code session_tokens}, {@code blocks}; the stand-in's events through {@link StandInControl}.
 */
final class BenchData {

    /** An owner and the bearer token of their session. */
    record Owner(UUID id, String token) {}

    /** A block to delete and the token of its owner. */
    record Target(UUID blockId, Owner owner) {}

    private static final String INSERT_BLOCKS = """
            INSERT INTO blocks (id, owner_id, calendar_id, title, starts_at, ends_at, google_event_id,
                                google_event_data)
            SELECT b.id, ?, ?, 'Bench block', now() + interval '1 day', now() + interval '1 day 1 hour', b.event,
                   jsonb_build_object('id', b.event, 'status', 'confirmed', 'summary', 'Bench block',
                       'etag', '"3181161784712000"', 'iCalUID', b.event || '@google.com',
                       'htmlLink', 'https://www.google.com/calendar/event?eid=' || b.event,
                       'start', jsonb_build_object('dateTime', '2027-01-04T09:00:00Z'),
                       'end', jsonb_build_object('dateTime', '2027-01-04T10:00:00Z'),
                       'organizer', jsonb_build_object('email', ? , 'self', true))
              FROM unnest(?::uuid[], ?::text[]) AS b(id, event)
            """;

    private final DataSource dataSource;
    private final StandInControl standIn;

    BenchData(DataSource dataSource, StandInControl standIn) {
        this.dataSource = dataSource;
        this.standIn = standIn;
    }

    DataSource dataSource() {
        return dataSource;
    }

    List<Owner> owners(int count) throws SQLException {
        List<Owner> owners = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement owner = connection.prepareStatement(
                        "INSERT INTO owners (id, handle, display_name) VALUES (?, ?, 'Bench')");
                PreparedStatement session = connection.prepareStatement(
                        "INSERT INTO session_tokens (id, owner_id, expires_at) VALUES (?, ?, now() + interval '1 day')")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                UUID sessionId = UUID.randomUUID();
                owner.setObject(1, id);
                owner.setString(2, "bench-" + id);
                owner.executeUpdate();
                session.setObject(1, sessionId);
                session.setObject(2, id);
                session.executeUpdate();
                owners.add(new Owner(id, DevTokens.local().ownerToken(id, sessionId, Duration.ofDays(1))));
            }
        }
        return owners;
    }

    /** {@code perOwner} blocks in each owner's calendar {@code calendarId}; the targets in round-robin owner order. */
    List<Target> calendars(List<Owner> owners, String calendarId, int perOwner, boolean withEvents)
            throws SQLException {
        List<List<UUID>> byOwner = new ArrayList<>();
        for (Owner owner : owners) {
            byOwner.add(calendar(owner, calendarId, perOwner, withEvents));
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < perOwner; i++) {
            for (int o = 0; o < owners.size(); o++) {
                targets.add(new Target(byOwner.get(o).get(i), owners.get(o)));
            }
        }
        return targets;
    }

    private List<UUID> calendar(Owner owner, String calendarId, int count, boolean withEvents) throws SQLException {
        List<UUID> ids = new ArrayList<>(count);
        List<String> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            events.add(eventIdOf(id));
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_BLOCKS)) {
            insert.setObject(1, owner.id());
            insert.setString(2, calendarId);
            insert.setString(3, calendarId);
            insert.setArray(4, connection.createArrayOf("uuid", ids.toArray()));
            insert.setArray(5, connection.createArrayOf("text", events.toArray()));
            insert.executeUpdate();
        }
        if (withEvents) {
            standIn.insertEvents(calendarId, events);
        } else {
            // events already gone, calendar not: the worker takes a 404 as gone only while calendars.get answers
            standIn.createCalendar(calendarId);
        }
        return ids;
    }

    /** The Google event id of a seeded block. */
    static String eventIdOf(UUID blockId) {
        return "bench" + blockId.toString().replace("-", "");
    }

    /** Refreshes the planner's statistics after a large seed, as autovacuum soon would. */
    void analyze() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement analyze = connection.prepareStatement("ANALYZE blocks")) {
            analyze.execute();
        }
    }
}

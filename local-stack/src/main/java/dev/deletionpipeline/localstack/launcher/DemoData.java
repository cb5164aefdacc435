package dev.deletionpipeline.localstack.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The demo data set of the local stack: one owner with one calendar and blocks of every shape the pipeline handles,
 * each synced block also present as an event in the Google Calendar stand-in. Seeded once; a second start finds it.
 */
final class DemoData {

    static final UUID OWNER_ID = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID OWNER_SESSION_ID = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final String CALENDAR_ID = "demo-calendar";

    /** A block of the demo set; {@code googleEventData} is the JSON the block stores, null when never synced. */
    record DemoBlock(
            String id, String title, String kind, String googleEventId, String googleEventData, String originalId) {}

    static final List<DemoBlock> BLOCKS = List.of(
            new DemoBlock(id(1), "Standup", "ORDINARY", "demoevent1", "{}", null),
            new DemoBlock(id(2), "Standup follow-up (child of Standup)", "ORDINARY", "demoevent2", "{}", id(1)),
            new DemoBlock(
                    id(3),
                    "Weekly review (recurring series)",
                    "ORDINARY",
                    "demoseries1",
                    "{\"recurrence\": [\"RRULE:FREQ=WEEKLY;COUNT=3\"]}",
                    null),
            new DemoBlock(
                    id(4),
                    "Weekly review, week 1",
                    "ORDINARY",
                    "demoseries1r1",
                    "{\"recurringEventId\": \"demoseries1\"}",
                    null),
            new DemoBlock(
                    id(5),
                    "Weekly review, week 2",
                    "ORDINARY",
                    "demoseries1r2",
                    "{\"recurringEventId\": \"demoseries1\"}",
                    null),
            new DemoBlock(
                    id(6),
                    "Weekly review, week 3",
                    "ORDINARY",
                    "demoseries1r3",
                    "{\"recurringEventId\": \"demoseries1\"}",
                    null),
            new DemoBlock(id(7), "Lunch (cancellation marker)", "CANCELLATION_MARKER", "demoevent7", "{}", null),
            new DemoBlock(id(8), "Draft, never synced to Google", "ORDINARY", null, null, null));

    private DemoData() {}

    static String id(int n) {
        return String.format("b0000000-0000-4000-8000-%012d", n);
    }

    /** Seeds the database (after deletion-api has applied the schema) and the stand-in; does nothing the second time. */
    static void seed(DataSource dataSource, String calendarUrl) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (!insertOwner(connection)) {
                connection.rollback();
                restoreGoogleEvents(connection, calendarUrl);
                return;
            }
            for (DemoBlock block : BLOCKS) {
                insertBlock(connection, block);
                if (block.googleEventId() != null) {
                    insertGoogleEvent(calendarUrl, block);
                }
            }
            connection.commit();
        }
    }

    /** The stand-in keeps its events in memory: a later start gives back the events of demo blocks still stored. */
    private static void restoreGoogleEvents(Connection connection, String calendarUrl) throws SQLException {
        try (PreparedStatement stored =
                connection.prepareStatement("SELECT 1 FROM blocks WHERE id = ?::uuid AND deletion_state IS NULL")) {
            for (DemoBlock block : BLOCKS) {
                stored.setString(1, block.id());
                try (var row = stored.executeQuery()) {
                    if (row.next() && block.googleEventId() != null) {
                        insertGoogleEvent(calendarUrl, block);
                    }
                }
            }
        }
    }

    private static boolean insertOwner(Connection connection) throws SQLException {
        try (PreparedStatement owner = connection.prepareStatement(
                        "INSERT INTO owners (id, handle, display_name) VALUES (?, 'demo', 'Demo Owner') ON CONFLICT DO NOTHING");
                PreparedStatement session = connection.prepareStatement(
                        "INSERT INTO session_tokens (id, owner_id, expires_at) VALUES (?, ?, now() + interval '365 days')")) {
            owner.setObject(1, OWNER_ID);
            if (owner.executeUpdate() == 0) {
                return false;
            }
            session.setObject(1, OWNER_SESSION_ID);
            session.setObject(2, OWNER_ID);
            session.executeUpdate();
            return true;
        }
    }

    private static void insertBlock(Connection connection, DemoBlock block) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO blocks (id, owner_id, calendar_id, kind,"
                        + " title, starts_at, ends_at, google_event_id, google_event_data, original_id)"
                        + " VALUES (?::uuid, ?, ?, ?, ?, now() + interval '1 day', now() + interval '1 day 1 hour', ?, ?::jsonb,"
                        + " ?::uuid)")) {
            insert.setString(1, block.id());
            insert.setObject(2, OWNER_ID);
            insert.setString(3, CALENDAR_ID);
            insert.setString(4, block.kind());
            insert.setString(5, block.title());
            insert.setString(6, block.googleEventId());
            insert.setString(7, block.googleEventData());
            insert.setString(8, block.originalId());
            insert.executeUpdate();
        }
    }

    private static void insertGoogleEvent(String calendarUrl, DemoBlock block) {
        String body = "{\"id\": \"" + block.googleEventId() + "\", \"summary\": \"" + block.title() + "\","
                + " \"start\": {\"dateTime\": \"2026-12-01T09:00:00Z\"}, \"end\": {\"dateTime\": \"2026-12-01T10:00:00Z\"}"
                + eventExtras(block.googleEventData()) + "}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(calendarUrl + "/calendar/v3/calendars/" + CALENDAR_ID + "/events"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The stand-in refused demo event " + block.googleEventId() + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("The stand-in did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String eventExtras(String googleEventData) {
        String inner = googleEventData.strip();
        inner = inner.substring(1, inner.length() - 1).strip();
        return inner.isEmpty() ? "" : ", " + inner;
    }
}

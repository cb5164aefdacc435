package dev.deletionpipeline.api.bench;

import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's data, written with set-based SQL before anything is measured: owners with live sessions, and blocks
 * shaped like synced Google events (title, times, event id, a few hundred bytes of the event's JSON), since the row's
 * width is what a soft delete writes to the WAL again.
 */
final class BenchData {

    /** One single delete to fire: the block and the token of its owner. */
    record Target(UUID blockId, String token) {}

    private static final String SYNCED_BLOCKS = """
            INSERT INTO blocks (id, owner_id, calendar_id, title, starts_at, ends_at, google_event_id, google_event_data)
            SELECT gen_random_uuid(), :owner, :calendar, 'Block ' || n, s.t, s.t + interval '1 hour', :calendar || '-' || n,
                   jsonb_build_object(
                       'kind', 'calendar#event', 'id', :calendar || '-' || n, 'status', 'confirmed',
                       'summary', 'Block ' || n, 'etag', '"' || (3181161784712000 + n) || '"',
                       'htmlLink', 'https://www.google.com/calendar/event?eid=' || md5(n::text),
                       'start', jsonb_build_object('dateTime', s.t, 'timeZone', 'Europe/Berlin'),
                       'end', jsonb_build_object('dateTime', s.t + interval '1 hour', 'timeZone', 'Europe/Berlin'),
                       'updated', s.t)
              FROM generate_series(1, :count) n,
                   LATERAL (SELECT timestamptz '2026-03-02 09:00Z' + n * interval '1 hour' AS t) s
            RETURNING id
            """;

    private final JdbcClient jdbc;

    BenchData(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    TestOwner owner() {
        return new Fixtures(jdbc).owner();
    }

    /** {@code count} blocks spread over {@code owners} new owners, each in a calendar of its own. */
    List<Target> singleDeleteTargets(String calendarPrefix, int owners, int count) {
        List<Target> targets = new ArrayList<>(count);
        for (int i = 0; i < owners; i++) {
            TestOwner owner = owner();
            int share = count / owners + (i < count % owners ? 1 : 0);
            for (UUID block : syncedBlocks(owner.id(), calendarPrefix + i, share)) {
                targets.add(new Target(block, owner.token()));
            }
        }
        return targets;
    }

    List<UUID> syncedBlocks(UUID owner, String calendar, int count) {
        return jdbc.sql(SYNCED_BLOCKS)
                .param("owner", owner)
                .param("calendar", calendar)
                .param("count", count)
                .query(UUID.class)
                .list();
    }

    /** What autovacuum would have done to a table that has been around for a while: visibility map and statistics. */
    void vacuumAnalyze() {
        jdbc.sql("VACUUM ANALYZE blocks").update();
    }
}

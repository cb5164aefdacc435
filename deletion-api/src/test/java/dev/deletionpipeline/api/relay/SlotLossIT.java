package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import dev.deletionpipeline.localstack.testing.StopOnExit;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay's slot lost while deletions are pending, on a PostgreSQL of its own whose {@code max_slot_wal_keep_size}
 * is tiny, so that PostgreSQL invalidates the slot as it would in production after a long outage of the relay.
 */
class SlotLossIT {

    private static final Duration LONG_AGO = Duration.ofHours(2);
    private static LocalPostgres postgres;
    private static StopOnExit stopOnExit;

    @BeforeAll
    static void startPostgres() {
        postgres = LocalPostgres.start(
                Path.of(
                                "target",
                                "it-postgres",
                                "slot-loss-" + ProcessHandle.current().pid())
                        .toAbsolutePath(),
                0,
                "1MB");
        stopOnExit = StopOnExit.closing("slot-loss-postgres", postgres);
    }

    @AfterAll
    static void stopPostgres() {
        stopOnExit.cancel();
        postgres.close();
    }

    @Test
    void slotInvalidatedByPostgresIsRecreatedAndEveryPendingEventStillReachesKafka() throws Exception {
        RelayFixture fixture = fixture("lost");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = fixture.relay(registry);
        try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE);
                TopicReader<String, HardDeleteConfirmed> confirmations = fixture.reader(Topics.HARD_DELETE_CONFIRMED)) {
            BlockSoftDeleted warmUp = RelayFixture.softDeleted();
            fixture.insert(warmUp);
            relay.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> lifecycle.seenIds(List.of(warmUp.eventId())).size() == 1);
            relay.stop();

            List<UUID> pendingDeletions = insertSoftDeletes(fixture, 50);
            HardDeleteConfirmed confirmation = RelayFixture.hardDeleteConfirmed();
            fixture.insert(confirmation);
            loseSlot(fixture);

            cleanup(fixture).deleteRelayedRowsPastRetention();
            assertThat(pendingDeletions)
                    .as("the cleanup keeps every row the lost slot had not confirmed, however old")
                    .allMatch(fixture::outboxRowExists);

            relay.start();

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> lifecycle.seenIds(pendingDeletions).size() == pendingDeletions.size());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> confirmations
                                    .seenIds(List.of(confirmation.eventId()))
                                    .size()
                            == 1);
            assertThat(slotLost(registry, "wal_removed")).isEqualTo(1);
            assertThat(walStatus(fixture)).isIn("reserved", "extended");
            BlockSoftDeleted afterwards = RelayFixture.softDeleted();
            fixture.insert(afterwards);
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            lifecycle.seenIds(List.of(afterwards.eventId())).size() == 1);
        } finally {
            relay.destroy();
        }
    }

    @Test
    void slotDroppedWhileTheRelayWasDownIsRecreatedAndTheGapPublished() throws Exception {
        RelayFixture fixture = fixture("dropped");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = fixture.relay(registry);
        try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE)) {
            BlockSoftDeleted warmUp = RelayFixture.softDeleted();
            fixture.insert(warmUp);
            relay.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> lifecycle.seenIds(List.of(warmUp.eventId())).size() == 1);
            // the premise of "missing": the relay's stored offset shows it had been running
            StoredOffsets offsets = new StoredOffsets(fixture.settings.kafka());
            await().atMost(Duration.ofSeconds(60)).until(() -> offsets.last().isPresent());
            relay.stop();
            relay.start();
            await().atMost(Duration.ofSeconds(60)).until(relay::isActive);
            assertThat(registry.find(RelayMetrics.SLOT_LOST).counter())
                    .as("an ordinary restart is no loss")
                    .isNull();
            relay.stop();

            List<UUID> pendingDeletions = insertSoftDeletes(fixture, 20);
            fixture.execute("select pg_drop_replication_slot('" + fixture.settings.slotName() + "')");
            relay.start();

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> lifecycle.seenIds(pendingDeletions).size() == pendingDeletions.size());
            assertThat(slotLost(registry, "missing")).isEqualTo(1);
        } finally {
            relay.destroy();
        }
    }

    private static RelayFixture fixture(String name) {
        String database = "slot_loss_" + name;
        String url = postgres.createDatabase(database);
        postgres.migrate(database);
        return RelayFixture.create(new TestDatabase(
                database, url, LocalPostgres.USER, LocalPostgres.PASSWORD, postgres.dataSource(database)));
    }

    /** Soft deletes written while the relay is down, half of them longer ago than the cleanup's retention. */
    private static List<UUID> insertSoftDeletes(RelayFixture fixture, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BlockSoftDeleted event = RelayFixture.softDeleted();
            fixture.insert(Topics.BLOCKS_LIFECYCLE.name(), event.blockId(), event, i % 2 == 0 ? longAgo() : null);
            ids.add(event.eventId());
        }
        return ids;
    }

    /** Writes and switches WAL segments and checkpoints until PostgreSQL has invalidated the slot. */
    private static void loseSlot(RelayFixture fixture) {
        fixture.execute("create table if not exists wal_filler (id bigserial primary key, filler text)");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    fixture.execute(
                            "insert into wal_filler (filler) select repeat('x', 1000) from generate_series(1, 2000)");
                    postgres.executeAsSuperuser("select pg_switch_wal()");
                    postgres.executeAsSuperuser("checkpoint");
                    return "lost".equals(walStatus(fixture));
                });
    }

    private static String walStatus(RelayFixture fixture) throws SQLException {
        try (Connection connection = fixture.database.dataSource().getConnection();
                ResultSet result = connection
                        .createStatement()
                        .executeQuery("select wal_status from pg_replication_slots where slot_name = '"
                                + fixture.settings.slotName() + "'")) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static OutboxCleanup cleanup(RelayFixture fixture) {
        return new OutboxCleanup(
                fixture.database.dataSource(),
                fixture.settings.slotName(),
                new RelaySettings.Cleanup(true, Duration.ofHours(1), Duration.ofHours(1), 1000),
                Clock.systemUTC());
    }

    private static double slotLost(SimpleMeterRegistry registry, String reason) {
        return Stream.ofNullable(registry.find(RelayMetrics.SLOT_LOST)
                        .tag("reason", reason)
                        .counter())
                .mapToDouble(Counter::count)
                .sum();
    }

    private static Instant longAgo() {
        return Instant.now().minus(LONG_AGO);
    }
}

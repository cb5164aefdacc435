package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cleanup removes outbox rows past the retention once the slot confirmed them relayed, and nothing else. */
class OutboxCleanupIT {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final Duration CATALOG_XMIN_MOVES = Duration.ofSeconds(90);

    @Test
    void removesOldRelayedRowsOnlyAndKeepsYoungOrUnrelayedOnes() throws Exception {
        RelayFixture fixture = RelayFixture.create("cleanup");
        OutboxCleanup cleanup = new OutboxCleanup(
                fixture.database.dataSource(),
                fixture.settings.slotName(),
                new RelaySettings.Cleanup(true, RETENTION, Duration.ofHours(1), 2),
                Clock.systemUTC());
        Instant old = Instant.now().minus(RETENTION).minusSeconds(600);
        BlockSoftDeleted oldRelayed = RelayFixture.softDeleted();
        BlockSoftDeleted youngRelayed = RelayFixture.softDeleted();
        BlockSoftDeleted oldUnrelayed = RelayFixture.softDeleted();
        OutboxRelay relay = fixture.relay(new SimpleMeterRegistry());
        try (TopicReader<String, LifecycleEvent> lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE)) {
            relay.start();
            insertOld(fixture, oldRelayed, old);
            fixture.insert(youngRelayed);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> lifecycle
                                    .seenIds(Set.of(oldRelayed.eventId(), youngRelayed.eventId()))
                                    .size()
                            == 2);

            await().atMost(CATALOG_XMIN_MOVES)
                    .until(() -> deleteAfterCheckpoint(cleanup) >= 0 && !fixture.outboxRowExists(oldRelayed.eventId()));
            assertThat(fixture.outboxRowExists(youngRelayed.eventId())).isTrue();

            relay.stop();
            insertOld(fixture, oldUnrelayed, old);
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> deleteAfterCheckpoint(cleanup) == 0);
            assertThat(fixture.outboxRowExists(oldUnrelayed.eventId())).isTrue();

            relay.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            lifecycle.seenIds(Set.of(oldUnrelayed.eventId())).size() == 1);
            await().atMost(CATALOG_XMIN_MOVES)
                    .until(() ->
                            deleteAfterCheckpoint(cleanup) >= 0 && !fixture.outboxRowExists(oldUnrelayed.eventId()));
        } finally {
            relay.destroy();
        }
    }

    private static void insertOld(RelayFixture fixture, BlockSoftDeleted event, Instant createdAt) {
        fixture.insert(Topics.BLOCKS_LIFECYCLE.name(), event.blockId(), event, createdAt);
    }

    /** A checkpoint logs the running transactions, from which the slot's catalog_xmin moves on sooner. */
    private static int deleteAfterCheckpoint(OutboxCleanup cleanup) throws Exception {
        SharedInfrastructure.postgres().executeAsSuperuser("checkpoint");
        return cleanup.deleteRelayedRowsPastRetention();
    }
}

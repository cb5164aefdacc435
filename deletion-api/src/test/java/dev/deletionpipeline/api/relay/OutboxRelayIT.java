package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded relay against real PostgreSQL (logical decoding) and Kafka: routing, headers, latency, metrics. */
class OutboxRelayIT {

    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private static RelayFixture fixture;
    private static OutboxRelay relay;
    private static TopicReader<String, LifecycleEvent> lifecycle;

    @BeforeAll
    static void startRelay() {
        fixture = RelayFixture.create("relay");
        relay = fixture.relay(REGISTRY);
        relay.start();
        lifecycle = fixture.reader(Topics.BLOCKS_LIFECYCLE);
        BlockSoftDeleted warmUp = RelayFixture.softDeleted();
        fixture.insert(warmUp);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lifecycle.seenIds(Set.of(warmUp.eventId())).size() == 1);
    }

    @AfterAll
    static void stopRelay() {
        lifecycle.close();
        relay.destroy();
    }

    @Test
    void softDeleteInOutboxAppearsOnLifecycleTopicWithinOneSecondWithKeyAndCloudEventsHeaders() {
        BlockSoftDeleted event = RelayFixture.softDeleted();
        lifecycle.poll();

        fixture.insert(event);

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> lifecycle.withIds(Set.of(event.eventId())).size() == 1);
        ConsumerRecord<String, byte[]> record =
                lifecycle.withIds(Set.of(event.eventId())).get(0);
        assertThat(record.key()).isEqualTo(event.blockId().toString());
        assertThat(TopicReader.header(record, CloudEventHeaders.ID))
                .isEqualTo(event.eventId().toString());
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE))
                .isEqualTo(EventTypes.typeOf(BlockSoftDeleted.class));
        assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo(RelayFixture.SOURCE);
        assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo(CloudEventHeaders.JSON);
        assertThat(OffsetDateTime.parse(TopicReader.header(record, CloudEventHeaders.TIME)))
                .isBetween(OffsetDateTime.now().minusMinutes(1), OffsetDateTime.now());
        assertThat(ContractCloudEvents.readFrom(record.headers())).isPresent();
        assertThat(lifecycle.value(record)).isEqualTo(event);
    }

    @Test
    void hardDeleteConfirmationRoutesToItsOwnTopic() {
        HardDeleteConfirmed event = RelayFixture.hardDeleteConfirmed();
        try (TopicReader<String, HardDeleteConfirmed> confirmations = fixture.reader(Topics.HARD_DELETE_CONFIRMED)) {
            fixture.insert(event);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> confirmations.withIds(Set.of(event.eventId())).size() == 1);
            ConsumerRecord<String, byte[]> record =
                    confirmations.withIds(Set.of(event.eventId())).get(0);
            assertThat(record.key()).isEqualTo(event.blockId().toString());
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo(EventTypes.typeOf(HardDeleteConfirmed.class));
            assertThat(confirmations.value(record)).isEqualTo(event);
        }
        assertThat(lifecycle.withIds(Set.of(event.eventId()))).isEmpty();
    }

    @Test
    void restartMidStreamLosesNoEventAndDuplicatesCarryTheSameEventId() throws Exception {
        OutboxInserter inserter = OutboxInserter.start(fixture, 2_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> inserter.inserted() >= 200);

        relay.stop();
        int insertedWhileStopping = inserter.inserted();
        assertThat(fixture.slotExists()).as("the slot survives a stop").isTrue();
        relay.start();
        List<UUID> ids = inserter.awaitAll();

        assertThat(insertedWhileStopping).as("the restart happened mid-stream").isBetween(1, 1_999);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lifecycle.seenIds(ids).size() == ids.size());
        lifecycle.byId(ids).forEach((id, copies) -> {
            assertThat(copies)
                    .extracting(ConsumerRecord::key)
                    .containsOnly(copies.get(0).key());
            assertThat(copies)
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsOnly(new String(copies.get(0).value(), StandardCharsets.UTF_8));
        });
    }

    @Test
    void engineRestartsLeaveNoKafkaAdminClientBehind() {
        relay.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !relay.isActive());
        List<String> withoutRelay = kafkaAdminClientThreads();

        for (int i = 0; i < 3; i++) {
            startAndRelayOneEvent();
            relay.stop();
        }
        startAndRelayOneEvent();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kafkaAdminClientThreads())
                        .as("the running engine's offset store's admin client, none of the stopped engines'")
                        .hasSize(withoutRelay.size() + 1));
    }

    /**
     * Debezium stops an engine's offset store only once the engine has made its connector's context; an engine closed
     * before that, while its store starts (a lead lost, the service stopping right after it took the lead), used to
     * leave the store running: its admin client, producer, consumer and work thread (18 threads instead of 3 after
     * these five stops). A stop a moment later, while the engine's tasks start, used to throw ("Cannot stop engine while
     * tasks are starting") and leave the engine running with a closed producer.
     */
    @Test
    void anEngineStoppedWhileItStartsLeavesNoOffsetStoreBehind() {
        startAndRelayOneEvent();
        int withOneEngine = offsetStoreThreads().size();

        for (int i = 0; i < 5; i++) {
            relay.stop();
            relay.start();
            await().atMost(Duration.ofSeconds(30)).until(relay::isActive);
        }
        relay.stop();
        startAndRelayOneEvent();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(offsetStoreThreads())
                        .as("the running engine's offset store's threads, none of the stopped engines'")
                        .hasSize(withOneEngine));
    }

    /** The threads of the relay's offset stores: their Kafka clients' ({@code <engine>-offsets…}) and work threads. */
    private static List<String> offsetStoreThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.contains(OutboxConnectorProperties.ENGINE_NAME + "-offsets")
                        || name.startsWith("KafkaBasedLog Work Thread"))
                .toList();
    }

    private static void startAndRelayOneEvent() {
        relay.start();
        BlockSoftDeleted event = RelayFixture.softDeleted();
        fixture.insert(event);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lifecycle.seenIds(Set.of(event.eventId())).size() == 1);
    }

    /**
     * The offset stores' admin clients, ours ({@code <engine>-offsets-admin}) and Debezium's default
     * ({@code debezium-servershared-admin}): a Kafka admin client runs one network thread, named after its client id.
     * Other admin clients of this JVM (other tests') may still be closing, so they are not counted.
     */
    private static List<String> kafkaAdminClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("kafka-admin-client-thread")
                        && (name.endsWith("offsets-admin") || name.endsWith("shared-admin")))
                .toList();
    }

    @Test
    void heartbeatsLetTheSlotConfirmWalWrittenByOtherTablesOnly() {
        fixture.execute("create table if not exists wal_filler (id bigint, padding text)");
        fixture.execute("insert into wal_filler select g, repeat('x', 500) from generate_series(1, 20000) g");
        long lsnAfterWrites = fixture.queryLong("select pg_current_wal_lsn() - '0/0'::pg_lsn");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> fixture.queryLong("select confirmed_flush_lsn - '0/0'::pg_lsn from pg_replication_slots"
                                + " where slot_name = '" + fixture.settings.slotName() + "'")
                        >= lsnAfterWrites);
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        BlockSoftDeleted event = RelayFixture.softDeleted();
        fixture.insert(event);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> lifecycle.seenIds(Set.of(event.eventId())).size() == 1);

        String scrape = REGISTRY.scrape();

        String topic = fixture.topicPrefix + Topics.BLOCKS_LIFECYCLE.name();
        assertThat(scrape)
                .contains("deletion_relay_events_total{topic=\"" + topic + "\",type=\""
                        + EventTypes.typeOf(BlockSoftDeleted.class) + "\"}")
                .contains("deletion_relay_commit_to_kafka_seconds_count")
                .contains("deletion_relay_active 1.0");
        assertThat(scrape).containsPattern("deletion_relay_slot_lag_bytes\\{slot=\"[a-z0-9_]+\"} [0-9.E]+\n");
    }
}

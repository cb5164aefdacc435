package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiClient;
import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API with its relay on, observed through REST and the lifecycle topic only: what a client does with
 * {@code DELETE}, {@code POST /v1/deletions} and restore arrives on {@code blocks.lifecycle.v1} as one event per block
 * with the outbox row's id in {@code ce_id}. One context for the class, its own database, slot, offset topic and topic
 * prefix; closed after the class so that its relay stops reading the shared PostgreSQL's WAL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RelayedDeletionsIT {

    private static final TestDatabase DATABASE = SharedInfrastructure.freshDatabase("api_relayed");
    private static final LocalKafka KAFKA = SharedInfrastructure.kafka();
    private static final String PREFIX = DATABASE.name() + ".";
    private static final String SOURCE = "/deletion-api/relayed-it";
    private static final String SOFT_DELETED = EventTypes.typeOf(BlockSoftDeleted.class);
    private static final String RESTORED = EventTypes.typeOf(BlockRestored.class);

    private static TopicReader<String, LifecycleEvent> lifecycle;

    static {
        KAFKA.createTopic(PREFIX + Topics.BLOCKS_LIFECYCLE.name(), 3);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("deletion.api.blocks.grace-period", () -> "1h");
        registry.add("deletion.api.requests.enabled", () -> "false");
        registry.add("deletion.api.withdrawal.purge-enabled", () -> "false");
        registry.add("deletion.relay.enabled", () -> "true");
        registry.add("deletion.relay.source", () -> SOURCE);
        registry.add("deletion.topic-prefix", () -> PREFIX);
        registry.add("deletion.relay.slot-name", () -> "slot_" + DATABASE.name());
        registry.add("deletion.relay.heartbeat-interval", () -> "1s");
        registry.add("deletion.relay.poll-interval", () -> "50ms");
        registry.add("deletion.relay.leader-poll-interval", () -> "500ms");
        registry.add("deletion.relay.kafka.offset-topic", () -> PREFIX + "relay-offsets");
        registry.add("deletion.relay.kafka.offset-flush-interval", () -> "1s");
        registry.add("deletion.relay.cleanup.enabled", () -> "false");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    /** Waits until the relay streams: a first delete must come through before any test measures anything. */
    @BeforeAll
    static void relayStreams(@Autowired OutboxRelay relay, @Autowired JdbcClient jdbc, @LocalServerPort int port) {
        await().atMost(Duration.ofSeconds(60)).until(relay::isActive);
        lifecycle = new TopicReader<>(KAFKA.bootstrapServers(), Topics.BLOCKS_LIFECYCLE.withPrefix(PREFIX));
        Fixtures fixtures = new Fixtures(jdbc);
        TestOwner owner = fixtures.owner();
        UUID block = fixtures.block(owner.id(), "warm-up");
        assertThat(new ApiClient(port)
                        .delete("/v1/blocks/" + block, owner.token())
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !withKeys(Set.of(block)).isEmpty());
    }

    @AfterAll
    static void closeReader() {
        if (lifecycle != null) {
            lifecycle.close();
        }
    }

    @Test
    void deleteReachesTheLifecycleTopicWithinOneSecondOfTheAnswerKeyedByBlockWithCloudEventsHeaders() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work", "ORDINARY", "evt-1", null, null);
        lifecycle.poll();

        Answer accepted = api().delete("/v1/blocks/" + block, owner.token());
        Instant answered = Instant.now();

        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> !withKeys(Set.of(block)).isEmpty());
        Duration latency = Duration.between(answered, Instant.now());
        List<ConsumerRecord<String, byte[]>> records = withKeys(Set.of(block));
        assertThat(records).as("arrived %s after the 202", latency).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        OutboxRow outbox = outboxRow(block, SOFT_DELETED);
        assertThat(record.key()).isEqualTo(block.toString());
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(outbox.id().toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(SOFT_DELETED);
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo(SOURCE);
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(outbox.createdAt());
        BlockSoftDeleted event = (BlockSoftDeleted) lifecycle.value(record);
        assertThat(event.eventId()).isEqualTo(outbox.id());
        assertThat(event.blockId()).isEqualTo(block);
        assertThat(event.googleEventId()).isEqualTo("evt-1");
        assertThat(event.deletionId().toString())
                .isEqualTo(accepted.json().get("deletionId").asString());
    }

    @Test
    void cascadeOfASeriesAndOfAParentYieldsOneEventPerBlockUnderTheDeletionOfEach() {
        TestOwner owner = fixtures().owner();
        UUID series = fixtures().block(owner.id(), "work", "ORDINARY", "weekly", null, null);
        Set<UUID> seriesDeletion = Set.of(
                series,
                fixtures().block(owner.id(), "work", "ORDINARY", "weekly_20260105", "weekly", null),
                fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", "weekly_20260112", "weekly", null));
        UUID parent = fixtures().block(owner.id(), "work");
        Set<UUID> parentDeletion = Set.of(parent, fixtures().block(owner.id(), "work", "ORDINARY", null, null, parent));

        String seriesDeletionId = deletionIdOf(api().delete("/v1/blocks/" + series, owner.token()));
        String parentDeletionId = deletionIdOf(api().delete("/v1/blocks/" + parent, owner.token()));

        assertOneSoftDeletedEachUnder(seriesDeletion, seriesDeletionId);
        assertOneSoftDeletedEachUnder(parentDeletion, parentDeletionId);
    }

    @Test
    void bulkDeletionOfTenThousandBlocksYieldsExactlyTenThousandEventsEachBlockOnce() {
        TestOwner owner = fixtures().owner();
        Set<UUID> blocks = new HashSet<>(
                jdbc.sql("""
                        INSERT INTO blocks (id, owner_id, calendar_id, google_event_id)
                        SELECT gen_random_uuid(), :owner, 'bulk', 'ev' || n FROM generate_series(1, 10000) n
                        RETURNING id
                        """).param("owner", owner.id()).query(UUID.class).list());

        Answer accepted = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"bulk\"}");

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.json().get("blocks").asInt()).isEqualTo(10_000);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> distinctKeys(withKeys(blocks)) == 10_000);
        List<ConsumerRecord<String, byte[]>> records = withKeys(blocks);
        assertThat(records).hasSize(10_000);
        Set<String> eventIds =
                records.stream().map(r -> header(r, CloudEventHeaders.ID)).collect(Collectors.toSet());
        assertThat(eventIds).hasSize(10_000);
        String deletionId = accepted.json().get("deletionId").asString();
        assertThat(eventIds)
                .isEqualTo(Set.copyOf(jdbc.sql("SELECT id::text FROM outbox WHERE payload ->> 'deletionId' = :id")
                        .param("id", deletionId)
                        .query(String.class)
                        .list()));
        assertThat(records)
                .allSatisfy(r -> assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo(SOFT_DELETED));
    }

    @Test
    void restoreYieldsBlockRestoredForExactlyTheRestoredBlocks() {
        TestOwner owner = fixtures().owner();
        UUID parent = fixtures().block(owner.id(), "home");
        Set<UUID> restoredSet = Set.of(
                parent,
                fixtures().block(owner.id(), "home", "ORDINARY", null, null, parent),
                fixtures().block(owner.id(), "home", "CANCELLATION_MARKER", null, null, parent));
        UUID deletedApart = fixtures().block(owner.id(), "home");
        api().delete("/v1/blocks/" + deletedApart, owner.token());
        String deletionId = deletionIdOf(api().delete("/v1/blocks/" + parent, owner.token()));

        Answer restored = api().post("/v1/blocks/" + parent + "/restore", owner.token());

        assertThat(restored.status()).as(restored.raw().body()).isEqualTo(200);
        assertThat(restored.json().get("blocks").asInt()).isEqualTo(3);
        Set<UUID> watched = new HashSet<>(restoredSet);
        watched.add(deletedApart);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> distinctKeys(ofType(withKeys(watched), RESTORED)) == restoredSet.size());
        List<ConsumerRecord<String, byte[]>> restoreEvents = ofType(withKeys(watched), RESTORED);
        assertThat(restoreEvents).hasSize(restoredSet.size());
        assertThat(restoreEvents)
                .extracting(r -> UUID.fromString(r.key()))
                .containsExactlyInAnyOrderElementsOf(restoredSet);
        assertThat(restoreEvents)
                .extracting(
                        r -> ((BlockRestored) lifecycle.value(r)).deletionId().toString())
                .containsOnly(deletionId);
        assertThat(ofType(withKeys(Set.of(deletedApart)), SOFT_DELETED)).hasSize(1);
    }

    private void assertOneSoftDeletedEachUnder(Set<UUID> blocks, String deletionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> distinctKeys(withKeys(blocks)) == blocks.size());
        List<ConsumerRecord<String, byte[]>> records = withKeys(blocks);
        assertThat(records).hasSize(blocks.size());
        assertThat(records).allSatisfy(r -> {
            assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo(SOFT_DELETED);
            BlockSoftDeleted event = (BlockSoftDeleted) lifecycle.value(r);
            assertThat(event.deletionId().toString()).isEqualTo(deletionId);
            assertThat(event.blockId().toString()).isEqualTo(r.key());
            assertThat(event.eventId().toString()).isEqualTo(header(r, CloudEventHeaders.ID));
        });
    }

    /** The records read so far whose key is one of the blocks, after one more poll. */
    private static List<ConsumerRecord<String, byte[]>> withKeys(Set<UUID> blocks) {
        Set<String> keys = blocks.stream().map(UUID::toString).collect(Collectors.toSet());
        return lifecycle.poll().stream().filter(r -> keys.contains(r.key())).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> ofType(
            List<ConsumerRecord<String, byte[]>> records, String type) {
        return records.stream()
                .filter(r -> type.equals(header(r, CloudEventHeaders.TYPE)))
                .toList();
    }

    private static long distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).distinct().count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicReader.header(record, name);
    }

    private record OutboxRow(UUID id, Instant createdAt) {}

    private OutboxRow outboxRow(UUID block, String type) {
        return jdbc.sql("SELECT id, created_at FROM outbox WHERE aggregateid = :key AND type = :type")
                .param("key", block.toString())
                .param("type", type)
                .query((rs, n) -> new OutboxRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .single();
    }

    private static String deletionIdOf(Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
        return answer.json().get("deletionId").asString();
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private Fixtures fixtures() {
        return new Fixtures(jdbc);
    }
}

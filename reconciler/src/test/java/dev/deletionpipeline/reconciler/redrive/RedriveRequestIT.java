package dev.deletionpipeline.reconciler.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.RedriveRequested;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.reconciler.config.ReconcilerProperties;
import dev.deletionpipeline.reconciler.sweep.MutableClock;
import dev.deletionpipeline.reconciler.sweep.SweepDatabase;
import dev.deletionpipeline.reconciler.sweep.SweepDatabase.Deleted;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The listener of {@code deletion.redrive-requests.v1} against the real broker and PostgreSQL: a request becomes one
 * outbox row routed to {@code blocks.lifecycle.v1}, holding the {@code BlockSoftDeleted} the worker gets (the request's
 * id, {@code redriveOf}, the block's and its deletion's rows); the same request delivered again writes no second row,
 * and a block that left its deletion gets none. One partition, so that a last request's row shows the ones before it
 * were handled.
 */
@SpringBootTest(classes = RedriveRequestIT.RedriveOnly.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RedriveRequestIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant PURGED_LONG_AGO = NOW.minus(Duration.ofHours(2));
    private static final String PREFIX = "rr" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final TestDatabase DATABASE = SharedInfrastructure.freshDatabase("reconciler_redrive");
    private static final KafkaProducer<String, RedriveRequested> PRODUCER = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers()),
            Topics.REDRIVE_REQUESTS.keySerde().serializer(),
            Topics.REDRIVE_REQUESTS.valueSerde().serializer());

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties({ReconcilerProperties.class, RedriveSettings.class})
    @Import(RedriveConfiguration.class)
    static class RedriveOnly {}

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.kafka()
                .createTopic(Topics.REDRIVE_REQUESTS.withPrefix(PREFIX).name(), 1);
        registry.add(
                "spring.kafka.bootstrap-servers",
                () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("deletion.topic-prefix", () -> PREFIX);
        registry.add("deletion.reconciler.application-id", () -> "reconciler-" + PREFIX);
        // no Kafka Streams in this context, so no kafkaStreams contributor for the service's liveness group
        registry.add("management.endpoint.health.group.liveness.include", () -> "livenessState,kafkaListeners");
    }

    private final SweepDatabase data = new SweepDatabase(DATABASE.dataSource(), new MutableClock(NOW));
    private final JdbcClient jdbc = JdbcClient.create(DATABASE.dataSource());
    private final UUID owner = data.owner();

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @Test
    void aRequestBecomesOneOutboxRowHoldingTheSoftDeleteTheWorkerGets() {
        Deleted block = data.softDeleted(owner, PURGED_LONG_AGO, "SOFT_DELETED");
        UUID original = data.originalEvent(block, owner, PURGED_LONG_AGO);
        RedriveRequested request = request(block, original);

        send(request);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> data.outboxEvents(block.blockId()).size() == 2);
        BlockSoftDeleted redrive = data.outboxEvents(block.blockId()).get(1);
        assertThat(redrive.eventId()).isEqualTo(request.eventId());
        assertThat(redrive.redriveOf()).isEqualTo(original);
        assertThat(redrive.blockId()).isEqualTo(block.blockId());
        assertThat(redrive.deletionId()).isEqualTo(block.deletionId());
        assertThat(redrive.ownerId()).isEqualTo(owner);
        assertThat(redrive.googleEventId()).isEqualTo("evt-" + block.blockId());
        assertThat(redrive.purgeAfter()).isEqualTo(PURGED_LONG_AGO);
        assertThat(redrive.dueBy())
                .as("the request's own dueBy (SweepDatabase: requested a day before purgeAfter, due 30 days after)")
                .isEqualTo(PURGED_LONG_AGO.minus(Duration.ofDays(1)).plus(Duration.ofDays(30)));
        assertThat(routing(request.eventId()))
                .as("aggregatetype and type: Debezium's outbox router sends it to the lifecycle topic as a soft delete")
                .containsExactly(Topics.BLOCKS_LIFECYCLE.name(), EventTypes.typeOf(BlockSoftDeleted.class));
    }

    @Test
    void aRequestDeliveredAgainWritesNoSecondRow() {
        Deleted block = data.softDeleted(owner, PURGED_LONG_AGO, "SOFT_DELETED");
        RedriveRequested request = request(block, data.originalEvent(block, owner, PURGED_LONG_AGO));

        send(request);
        send(request);

        handledUpTo(sendLastRequest());
        assertThat(data.outboxEvents(block.blockId()))
                .extracting(BlockSoftDeleted::eventId)
                .containsExactly(request.redriveOf(), request.eventId());
    }

    @Test
    void aBlockRestoredOrConfirmedMeanwhileGetsNoRow() {
        Deleted restored = data.softDeleted(owner, PURGED_LONG_AGO, "SOFT_DELETED");
        UUID original = data.originalEvent(restored, owner, PURGED_LONG_AGO);
        jdbc.sql("update blocks set purge_after = null, deletion_state = null where id = :id")
                .param("id", restored.blockId())
                .update();
        Deleted confirmed = new Deleted(UUID.randomUUID(), UUID.randomUUID());

        send(request(restored, original));
        send(request(confirmed, UUID.randomUUID()));

        handledUpTo(sendLastRequest());
        assertThat(data.outboxEvents(restored.blockId()))
                .extracting(BlockSoftDeleted::eventId)
                .containsExactly(original);
        assertThat(data.outboxEvents(confirmed.blockId())).isEmpty();
    }

    /** A request for a block of its own, sent after the others; returns that block. */
    private UUID sendLastRequest() {
        Deleted last = data.softDeleted(owner, PURGED_LONG_AGO, "SOFT_DELETED");
        send(request(last, data.originalEvent(last, owner, PURGED_LONG_AGO)));
        return last.blockId();
    }

    private void handledUpTo(UUID lastBlock) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> data.outboxEvents(lastBlock).size() == 2);
    }

    private static RedriveRequested request(Deleted block, UUID original) {
        return new RedriveRequested(UUID.randomUUID(), block.blockId(), block.deletionId(), original, 1, NOW);
    }

    private static void send(RedriveRequested request) {
        PRODUCER.send(new ProducerRecord<>(
                Topics.REDRIVE_REQUESTS.withPrefix(PREFIX).name(),
                request.blockId().toString(),
                request));
        PRODUCER.flush();
    }

    private List<String> routing(UUID eventId) {
        return jdbc.sql("select aggregatetype, type from outbox where id = :id")
                .param("id", eventId)
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
    }
}

package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.reconciler.query.InputRecords;
import dev.deletionpipeline.reconciler.query.ReconcilerInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upgrade from JSON to the binary format of the reconciler's own values ({@link BinarySerde}): the
 * {@link TrackingStores#DELETIONS} changelog and both repartition topics hold what an earlier version wrote (JSON).
 * The application, with no local state, restores the deletions from the changelog and goes on with them as they were;
 * the facts an earlier version left in the repartition topics are counted and checked.
 */
class JsonStoreUpgradeIT {

    private static final int PARTITIONS = 3;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "up" + run + ".";
    private final String applicationId = "reconciler-up-" + run;
    private final LocalKafka kafka = SharedInfrastructure.kafka();
    private final TestDatabase database = SharedInfrastructure.freshDatabase("reconciler_up");
    private final List<ReconcilerInstance> instances = new ArrayList<>();
    private final UUID lateRequest = UUID.randomUUID();

    @AfterEach
    void stop() {
        instances.forEach(ReconcilerInstance::close);
    }

    @Test
    void valuesWrittenAsJsonByAnEarlierVersionAreReadAfterTheUpgrade() throws Exception {
        Topics.ALL.forEach(topic -> kafka.createTopic(prefix + topic.name(), PARTITIONS));
        String changelog = applicationId + "-" + TrackingStores.DELETIONS + "-changelog";
        kafka.createTopic(changelog, PARTITIONS);
        String opsFacts = applicationId + "-ops-facts-repartition";
        String requestFacts = applicationId + "-request-deadline-facts-repartition";
        kafka.createTopic(opsFacts, 1);
        kafka.createTopic(requestFacts, PARTITIONS);
        Instant softDeletedAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        List<BlockSoftDeleted> requests = List.of(softDelete(softDeletedAt), softDelete(softDeletedAt));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (BlockSoftDeleted request : requests) {
                // the earlier store serde: the contract's JSON mapping of the whole TrackedDeletion
                byte[] json = EventJson.mapper().writeValueAsBytes(tracked(request, softDeletedAt));
                producer.send(new ProducerRecord<>(changelog, request.blockId().toString(), json));
            }
            // facts an earlier version wrote and its successor has still to read: a dead letter, a request past dueBy
            OpsFact deadLetter = OpsFact.deadLettered(null, "UPGRADE_" + run, softDeletedAt);
            producer.send(
                    new ProducerRecord<>(opsFacts, "global", EventJson.mapper().writeValueAsBytes(deadLetter)));
            RequestBlockFact late = new RequestBlockFact(
                    lateRequest, UUID.randomUUID(), UUID.randomUUID(), softDeletedAt, true, softDeletedAt);
            producer.send(new ProducerRecord<>(
                    requestFacts, lateRequest.toString(), EventJson.mapper().writeValueAsBytes(late)));
            producer.flush();

            start();
            KafkaStreams streams = instances.get(0).streams();
            var store = streams.store(StoreQueryParameters.fromNameAndType(
                    TrackingStores.DELETIONS, QueryableStoreTypes.<String, TrackedDeletion>keyValueStore()));
            BlockSoftDeleted first = requests.get(0);
            assertThat(store.get(first.blockId().toString())).isEqualTo(tracked(first, softDeletedAt));

            // a replay of the soft delete the restored state has seen changes nothing; confirmations finish both
            producer.send(InputRecords.record(prefix, Topics.BLOCKS_LIFECYCLE, first.blockId(), first));
            for (BlockSoftDeleted request : requests) {
                producer.send(InputRecords.record(
                        prefix,
                        Topics.HARD_DELETE_CONFIRMED,
                        request.blockId(),
                        TrackingFixture.confirmation(request, Instant.now())));
            }
            producer.flush();
        }

        try (KafkaConsumer<String, String> statuses = statusConsumer()) {
            List<DeletionStatus> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                statuses.poll(Duration.ofMillis(200))
                        .forEach(r -> published.add(EventJson.mapper().readValue(r.value(), DeletionStatus.class)));
                assertThat(published).extracting(DeletionStatus::state).containsOnly(DeletionState.CONFIRMED);
                assertThat(published).hasSize(2);
            });
            // purgeAfter comes from the restored state only: a confirmation does not carry it
            for (BlockSoftDeleted request : requests) {
                assertThat(published)
                        .filteredOn(status -> status.blockId().equals(request.blockId()))
                        .singleElement()
                        .satisfies(status -> {
                            assertThat(status.purgeAfter()).isEqualTo(request.purgeAfter());
                            assertThat(status.softDeletedAt()).isEqualTo(softDeletedAt);
                        });
            }
        }
        try (KafkaConsumer<String, String> orphans = consumer(Topics.DELETION_ORPHANS);
                KafkaConsumer<String, String> summaries = consumer(Topics.DELETION_OPS)) {
            List<String> reported = new ArrayList<>();
            List<OpsSummary> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                orphans.poll(Duration.ofMillis(200)).forEach(r -> reported.add(r.value()));
                summaries
                        .poll(Duration.ofMillis(200))
                        .forEach(r -> published.add(EventJson.mapper().readValue(r.value(), OpsSummary.class)));
                assertThat(reported)
                        .anySatisfy(orphan -> assertThat(orphan).contains(lateRequest.toString(), "DEADLINE_MISSED"));
                assertThat(published).isNotEmpty();
                assertThat(published.get(published.size() - 1).deadLettersByReason())
                        .containsEntry("UPGRADE_" + run, 1L);
            });
        }
        KafkaStreams streams = instances.get(0).streams();
        var store = streams.store(StoreQueryParameters.fromNameAndType(
                TrackingStores.DELETIONS, QueryableStoreTypes.<String, TrackedDeletion>keyValueStore()));
        TrackedDeletion confirmed = store.get(requests.get(1).blockId().toString());
        assertThat(confirmed.state()).isEqualTo(DeletionState.CONFIRMED);
        assertThat(confirmed.request()).isEqualTo(requests.get(1));
    }

    private void start() {
        instances.add(ReconcilerInstance.startRunning(
                applicationId,
                prefix,
                kafka.bootstrapServers(),
                database,
                "--deletion.reconciler.summary-interval=1s"));
    }

    /** As an earlier version stored a soft-deleted block. */
    private static TrackedDeletion tracked(BlockSoftDeleted request, Instant now) {
        return new TrackedDeletionBuilder(request.blockId(), request.deletionId(), request.ownerId(), null)
                .state(DeletionState.SOFT_DELETED, request.eventId(), now)
                .softDeletedAt(request.deletedAt())
                .purgeAfter(request.purgeAfter())
                .deadlineAt(request.purgeAfter().plus(Duration.ofHours(1)))
                .request(request)
                .build()
                .remembering(request.eventId().toString(), 32);
    }

    private static BlockSoftDeleted softDelete(Instant deletedAt) {
        return TrackingFixture.softDelete(UUID.randomUUID(), UUID.randomUUID(), deletedAt, Duration.ofMinutes(5));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private KafkaConsumer<String, String> statusConsumer() {
        return consumer(Topics.DELETION_STATUS);
    }

    /** Reads a topic from its beginning, only what the reconciler's transactions committed. */
    private KafkaConsumer<String, String> consumer(Topic<?, ?> topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(prefix + topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}

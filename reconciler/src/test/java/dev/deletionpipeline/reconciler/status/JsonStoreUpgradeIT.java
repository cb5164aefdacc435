package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.json.EventJson;
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
 * An upgrade from the JSON store format: the {@link TrackingStores#DELETIONS} changelog holds what an earlier version
 * wrote (JSON), and the application, with no local state, restores it from there and goes on with those deletions as
 * they were, writing them back in the binary format ({@link TrackedDeletionSerde}).
 */
class JsonStoreUpgradeIT {

    private static final int PARTITIONS = 3;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "up" + run + ".";
    private final String applicationId = "reconciler-up-" + run;
    private final LocalKafka kafka = SharedInfrastructure.kafka();
    private final TestDatabase database = SharedInfrastructure.freshDatabase("reconciler_up");
    private final List<ReconcilerInstance> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ReconcilerInstance::close);
    }

    @Test
    void deletionsStoredAsJsonByAnEarlierVersionAreRestoredFromTheChangelogAndGoOn() throws Exception {
        Topics.ALL.forEach(topic -> kafka.createTopic(prefix + topic.name(), PARTITIONS));
        String changelog = applicationId + "-" + TrackingStores.DELETIONS + "-changelog";
        kafka.createTopic(changelog, PARTITIONS);
        Instant softDeletedAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        List<BlockSoftDeleted> requests = List.of(softDelete(softDeletedAt), softDelete(softDeletedAt));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (BlockSoftDeleted request : requests) {
                // the earlier store serde: the contract's JSON mapping of the whole TrackedDeletion
                byte[] json = EventJson.mapper().writeValueAsBytes(tracked(request, softDeletedAt));
                producer.send(new ProducerRecord<>(changelog, request.blockId().toString(), json));
            }
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
        KafkaStreams streams = instances.get(0).streams();
        var store = streams.store(StoreQueryParameters.fromNameAndType(
                TrackingStores.DELETIONS, QueryableStoreTypes.<String, TrackedDeletion>keyValueStore()));
        TrackedDeletion confirmed = store.get(requests.get(1).blockId().toString());
        assertThat(confirmed.state()).isEqualTo(DeletionState.CONFIRMED);
        assertThat(confirmed.request()).isEqualTo(requests.get(1));
    }

    private void start() {
        instances.add(ReconcilerInstance.start("a", applicationId, prefix, kafka.bootstrapServers(), database));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> instances.get(0).streams().state() == KafkaStreams.State.RUNNING);
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
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(prefix + Topics.DELETION_STATUS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}

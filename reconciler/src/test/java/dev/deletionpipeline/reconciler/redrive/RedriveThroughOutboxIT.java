package dev.deletionpipeline.reconciler.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.reconciler.query.InputRecords;
import dev.deletionpipeline.reconciler.query.ReconcilerInstance;
import dev.deletionpipeline.reconciler.sweep.MutableClock;
import dev.deletionpipeline.reconciler.sweep.SweepDatabase;
import dev.deletionpipeline.reconciler.sweep.SweepDatabase.Deleted;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole reconciler against the real broker and PostgreSQL, with one re-drive allowed: a deletion that misses its
 * deadline is asked for on {@code deletion.redrive-requests.v1} in the topology's exactly-once transaction, and the
 * listener writes the re-drive into the outbox under the request's id. The reconciler writes nothing to
 * {@code blocks.lifecycle.v1}: the re-drive reaches it only through the outbox relay.
 */
class RedriveThroughOutboxIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "ro" + run + ".";
    private final LocalKafka kafka = SharedInfrastructure.kafka();
    private final TestDatabase database = SharedInfrastructure.freshDatabase("reconciler_ro");
    private final SweepDatabase data = new SweepDatabase(database.dataSource(), new MutableClock(Instant.now()));
    private ReconcilerInstance instance;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void aMissedDeadlineIsReDrivenThroughTheOutbox() {
        Topics.ALL.forEach(topic -> kafka.createTopic(prefix + topic.name(), 3));
        Instant purgeAfter = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        UUID owner = data.owner();
        Deleted block = data.softDeleted(owner, purgeAfter, "SOFT_DELETED");
        data.originalEvent(block, owner, purgeAfter);
        BlockSoftDeleted original = data.outboxEvents(block.blockId()).get(0);
        instance = ReconcilerInstance.start(
                "a",
                "reconciler-ro-" + run,
                prefix,
                kafka.bootstrapServers(),
                database,
                "--deletion.reconciler.max-redrives=1");
        await().atMost(Duration.ofSeconds(90)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);

        try (KafkaProducer<String, byte[]> relay = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            relay.send(InputRecords.record(prefix, Topics.BLOCKS_LIFECYCLE, block.blockId(), original));
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> data.outboxEvents(block.blockId()).size() == 2);
        BlockSoftDeleted redrive = data.outboxEvents(block.blockId()).get(1);
        assertThat(redrive.redriveOf()).isEqualTo(original.eventId());
        assertThat(redrive.eventId()).isNotEqualTo(original.eventId());
        assertThat(redrive.deletionId()).isEqualTo(block.deletionId());
        assertThat(recordsOnTheLifecycleTopic())
                .as("the relay's one record: no re-drive, and no transaction marker of the reconciler")
                .isEqualTo(1);
    }

    private long recordsOnTheLifecycleTopic() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = prefix + Topics.BLOCKS_LIFECYCLE.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}

package dev.deletionpipeline.reconciler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The legal clock against the real broker and the real reconciler application (exactly-once, RocksDB stores,
 * repartition topics): a request past its {@code dueBy} is reported missed and counted, one near it at risk, one
 * finished in time not at all; redelivered events and a restart report nothing twice; a request
 * that finishes late leaves the count.
 */
class RequestDeadlineIT {

    /** {@link ReconcilerInstance}'s punctuation interval. */
    private static final Duration PUNCTUATION = Duration.ofMillis(500);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "dl" + run + ".";
    private final String applicationId = "reconciler-dl-" + run;
    private final LocalKafka kafka = SharedInfrastructure.kafka();
    private final TestDatabase database = SharedInfrastructure.freshDatabase("reconciler_dl");
    private final List<ReconcilerInstance> instances = new ArrayList<>();
    private final List<OrphanDetected> orphans = new ArrayList<>();
    private final List<OpsSummary> summaries = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ReconcilerInstance::close);
    }

    @Test
    void missedAndAtRiskRequestsAreReportedOnceAndCountedUntilTheyFinish() {
        Topics.ALL.forEach(topic -> kafka.createTopic(prefix + topic.name(), 3));
        start();
        Instant now = Instant.now();
        UUID missed = UUID.randomUUID();
        UUID atRisk = UUID.randomUUID();
        UUID onTime = UUID.randomUUID();
        List<BlockSoftDeleted> missedBlocks =
                List.of(softDelete(missed, now.minus(Duration.ofHours(1))), softDelete(missed, now.minusSeconds(3600)));
        BlockSoftDeleted atRiskBlock = softDelete(atRisk, now.plus(Duration.ofDays(1)));
        BlockSoftDeleted onTimeBlock = softDelete(onTime, now.plus(Duration.ofDays(30)));

        try (var input = new Input();
                var orphanTopic = consumer(Topics.DELETION_ORPHANS);
                var opsTopic = consumer(Topics.DELETION_OPS)) {
            input.softDelete(List.of(onTimeBlock));
            input.confirm(onTimeBlock);
            input.softDelete(missedBlocks);
            input.softDelete(List.of(atRiskBlock));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                read(orphanTopic, opsTopic);
                assertThat(deadlineReports(missed))
                        .extracting(OrphanDetected::type)
                        .containsExactly(OrphanType.DEADLINE_MISSED);
                assertThat(deadlineReports(atRisk))
                        .extracting(OrphanDetected::type)
                        .containsExactly(OrphanType.DEADLINE_AT_RISK);
                assertThat(latestSummary().deadlinesMissed()).isEqualTo(1);
                assertThat(latestSummary().deadlinesAtRisk()).isEqualTo(1);
            });
            // the blocks pending when it was raised: here the two arrive in different partitions, maybe apart
            OrphanDetected report = deadlineReports(missed).get(0);
            assertThat(report.blockId())
                    .isIn(missedBlocks.get(0).blockId(), missedBlocks.get(1).blockId());
            assertThat(report.reason())
                    .contains("past its dueBy", report.blockId().toString());
            assertThat(deadlineReports(onTime)).as("finished before its dueBy").isEmpty();

            input.softDelete(missedBlocks);
            restart();
            Instant restarted = Instant.now();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                read(orphanTopic, opsTopic);
                assertThat(latestSummary().generatedAt()).isAfter(restarted.plus(PUNCTUATION.multipliedBy(4)));
            });
            assertThat(deadlineReports(missed))
                    .as("after a redelivery and a restart")
                    .hasSize(1);
            assertThat(deadlineReports(atRisk)).hasSize(1);
            assertThat(latestSummary().deadlinesMissed()).isEqualTo(1);

            missedBlocks.forEach(input::confirm);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                read(orphanTopic, opsTopic);
                assertThat(latestSummary().deadlinesMissed())
                        .as("finished late")
                        .isZero();
            });
            assertThat(latestSummary().deadlinesAtRisk()).isEqualTo(1);
            assertThat(deadlineReports(missed)).hasSize(1);
        }
    }

    private void start() {
        instances.add(ReconcilerInstance.startRunning(
                applicationId,
                prefix,
                kafka.bootstrapServers(),
                database,
                "--deletion.reconciler.summary-interval=1s"));
    }

    private void restart() {
        instances.remove(0).close();
        start();
    }

    /** A block of the request, soft-deleted ten minutes ago, its grace period ending in an hour. */
    private static BlockSoftDeleted softDelete(UUID deletionId, Instant dueBy) {
        Instant now = Instant.now();
        UUID block = UUID.randomUUID();
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                deletionId,
                block,
                UUID.randomUUID(),
                "primary",
                "google-" + block,
                null,
                null,
                BlockKind.ORDINARY,
                now.minus(Duration.ofMinutes(10)),
                now.plus(Duration.ofHours(1)),
                null,
                dueBy);
    }

    private List<OrphanDetected> deadlineReports(UUID deletionId) {
        return orphans.stream()
                .filter(o -> deletionId.equals(o.deletionId()))
                .filter(o -> o.type() == OrphanType.DEADLINE_AT_RISK || o.type() == OrphanType.DEADLINE_MISSED)
                .toList();
    }

    private OpsSummary latestSummary() {
        assertThat(summaries).as("a summary was published").isNotEmpty();
        return summaries.get(summaries.size() - 1);
    }

    private void read(KafkaConsumer<String, OrphanDetected> orphanTopic, KafkaConsumer<String, OpsSummary> opsTopic) {
        orphanTopic.poll(Duration.ofMillis(200)).forEach(r -> orphans.add(r.value()));
        opsTopic.poll(Duration.ofMillis(200)).forEach(r -> summaries.add(r.value()));
    }

    /** Reads a topic from its beginning, only what the reconciler's transactions committed. */
    private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(prefix + topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** The outbox relay's and the worker's side: soft deletes and confirmations. */
    private final class Input implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());

        void softDelete(List<BlockSoftDeleted> blocks) {
            blocks.forEach(block ->
                    producer.send(InputRecords.record(prefix, Topics.BLOCKS_LIFECYCLE, block.blockId(), block)));
            producer.flush();
        }

        void confirm(BlockSoftDeleted block) {
            producer.send(InputRecords.record(
                    prefix,
                    Topics.HARD_DELETE_CONFIRMED,
                    block.blockId(),
                    InputRecords.confirmation(block, Instant.now())));
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}

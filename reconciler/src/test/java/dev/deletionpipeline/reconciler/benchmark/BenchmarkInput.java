package dev.deletionpipeline.reconciler.benchmark;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@code n} deletions as the pipeline would: a {@code BlockSoftDeleted} on {@code blocks.lifecycle.v1} and its
 * {@code HardDeleteConfirmed} on {@code blocks.hard-delete-confirmed.v1}, 2n records, before the reconciler starts, so
 * that the measurement is the reconciler's processing and not this producer.
 */
final class BenchmarkInput {

    private BenchmarkInput() {}

    /** @throws IllegalStateException when a record could not be written: the benchmark would wait for it forever */
    static void produce(String bootstrap, int n) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4");
        Instant start = Instant.now().minus(Duration.ofMinutes(5));
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                Instant deletedAt = start.plusMillis(i);
                BlockSoftDeleted request = softDelete(deletedAt);
                producer.send(record(Topics.BLOCKS_LIFECYCLE, request.blockId(), request, deletedAt));
                Instant confirmedAt = deletedAt.plusMillis(1);
                producer.send(record(
                        Topics.HARD_DELETE_CONFIRMED,
                        request.blockId(),
                        confirmation(request, confirmedAt),
                        confirmedAt));
            }
            producer.flush();
        }
    }

    private static ProducerRecord<String, byte[]> record(Topic<?, ?> topic, UUID block, Object event, Instant at) {
        var record = new ProducerRecord<>(
                topic.name(),
                null,
                at.toEpochMilli(),
                block.toString(),
                EventJson.mapper().writeValueAsBytes(event));
        ContractCloudEvents.writeTo(record.headers(), ContractCloudEvents.of(event, "/bench", Instant.now()));
        return record;
    }

    private static BlockSoftDeleted softDelete(Instant deletedAt) {
        UUID block = UUID.randomUUID();
        return new BlockSoftDeleted(
                UUID.randomUUID(),
                UUID.randomUUID(),
                block,
                UUID.randomUUID(),
                "primary",
                "google-" + block,
                null,
                null,
                BlockKind.ORDINARY,
                deletedAt,
                deletedAt.plus(Duration.ofDays(1)),
                null);
    }

    private static HardDeleteConfirmed confirmation(BlockSoftDeleted request, Instant at) {
        return new HardDeleteConfirmed(
                UUID.randomUUID(),
                request.eventId(),
                request.deletionId(),
                request.blockId(),
                request.ownerId(),
                request.calendarId(),
                request.googleEventId(),
                HardDeleteOutcome.DELETED,
                1,
                0,
                request.deletedAt(),
                at,
                at,
                at);
    }
}

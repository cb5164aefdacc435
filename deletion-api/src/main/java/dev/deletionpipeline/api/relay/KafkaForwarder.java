package dev.deletionpipeline.api.relay;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hands each batch of the Debezium engine to Kafka and marks it processed only once Kafka acknowledged every record of
 * it: the engine commits offsets (and confirms the slot's position) for processed records only, so an event is never
 * lost, and after a crash it is sent again with the same {@code ce_id}. Writes the routed topics, in practice
 * {@code blocks.lifecycle.v1} and {@code blocks.hard-delete-confirmed.v1}.
 */
final class KafkaForwarder implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final Producer<String, byte[]> producer;
    private final String source;
    private final RelayMetrics metrics;

    KafkaForwarder(Producer<String, byte[]> producer, String source, RelayMetrics metrics) {
        this.producer = producer;
        this.source = source;
        this.metrics = metrics;
    }

    /** An idempotent producer that waits for every in-sync replica, logged in like the offset store. */
    static Producer<String, byte[]> createProducer(RelaySettings.Kafka kafka) {
        Properties properties = kafka.clientConfig("");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> change : batch) {
            OutboxEvent.from(change.record()).ifPresent(event -> acknowledgements.add(send(event)));
        }
        awaitAll(acknowledgements);
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
    }

    private Future<RecordMetadata> send(OutboxEvent event) {
        return producer.send(event.toProducerRecord(source), (metadata, error) -> {
            if (error == null) {
                metrics.relayed(event);
            }
        });
    }

    /** Fails the batch, and with it the engine, when Kafka refused a record; the supervisor restarts the engine. */
    private static void awaitAll(List<Future<RecordMetadata>> acknowledgements) throws InterruptedException {
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get();
            } catch (ExecutionException e) {
                throw new RelayDeliveryException(e.getCause());
            }
        }
    }

    /** Kafka did not acknowledge a relayed record; nothing of the batch is marked processed. */
    static final class RelayDeliveryException extends RuntimeException {
        RelayDeliveryException(Throwable cause) {
            super("Kafka did not acknowledge a relayed outbox event; the batch will be sent again", cause);
        }
    }
}

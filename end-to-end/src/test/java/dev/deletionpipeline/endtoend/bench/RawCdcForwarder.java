package dev.deletionpipeline.endtoend.bench;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The raw relay's sink, as thin as a correct one can be: each engine batch goes to Kafka (idempotent producer,
 * {@code acks=all}, {@code linger.ms=2}: the relay's settings) with the routed headers, and is marked processed once
 * Kafka acknowledged all of it. Counts what was acknowledged and when.
 */
final class RawCdcForwarder implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile long firstReceivedNanos;
    private volatile long lastAcknowledgedNanos;

    RawCdcForwarder(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> change : batch) {
            SourceRecord record = change.record();
            if (record.value() != null && record.headers().lastWithName("ce_id") != null) {
                if (firstReceivedNanos == 0) {
                    firstReceivedNanos = System.nanoTime();
                }
                sent.add(producer.send(producerRecord(record)));
            }
        }
        for (Future<RecordMetadata> acknowledgement : sent) {
            try {
                acknowledgement.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Kafka refused a record", e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        if (!sent.isEmpty()) {
            lastAcknowledgedNanos = System.nanoTime();
            acknowledged.addAndGet(sent.size());
        }
    }

    private static ProducerRecord<String, byte[]> producerRecord(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(), String.valueOf(header.value()).getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(
                record.topic(),
                null,
                (String) record.key(),
                ((String) record.value()).getBytes(StandardCharsets.UTF_8),
                headers);
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long firstReceivedNanos() {
        return firstReceivedNanos;
    }

    long lastAcknowledgedNanos() {
        return lastAcknowledgedNanos;
    }

    @Override
    public void close() {
        producer.close();
    }
}

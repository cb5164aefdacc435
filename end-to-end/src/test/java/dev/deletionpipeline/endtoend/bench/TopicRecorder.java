package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from its end onwards, on a thread of its own, and keeps for each key the first record of one
 * CloudEvents type: when this consumer received it (wall clock: the moment it was on Kafka for any consumer, plus a
 * fetch of a few milliseconds) and its {@code ce_time} (the outbox row's {@code created_at}, i.e. the start of the
 * transaction that wrote it; the relay also uses it as the record's Kafka timestamp, so that timestamp says nothing
 * about when the record reached Kafka). Values are not deserialised.
 */
final class TopicRecorder implements AutoCloseable {

    /** The first record of a key: epoch milliseconds of its receipt and epoch microseconds of its ce_time. */
    record Seen(long receivedMillis, long ceTimeMicros) {

        double ceTimeMillis() {
            return ceTimeMicros / 1000.0;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String ceType;
    private final Map<String, Seen> firstByKey = new ConcurrentHashMap<>();
    private final Thread thread;

    TopicRecorder(String bootstrapServers, String topic, String ceType) {
        this.ceType = ceType;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    Seen seen(Object key) {
        return firstByKey.get(key.toString());
    }

    long seenOf(Collection<?> keys) {
        return keys.stream()
                .filter(key -> firstByKey.containsKey(key.toString()))
                .count();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    note(record);
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    private void note(ConsumerRecord<String, byte[]> record) {
        if (ceType != null && !ceType.equals(text(record.headers().lastHeader(CloudEventHeaders.TYPE)))) {
            return;
        }
        String time = text(record.headers().lastHeader(CloudEventHeaders.TIME));
        long ceTime = time == null ? -1 : micros(Instant.parse(time));
        firstByKey.putIfAbsent(record.key(), new Seen(System.currentTimeMillis(), ceTime));
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}

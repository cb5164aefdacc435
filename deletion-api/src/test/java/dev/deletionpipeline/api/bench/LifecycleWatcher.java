package dev.deletionpipeline.api.bench;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code blocks.lifecycle.v1} from its end, on a thread of its own, and notes when each block's first event
 * arrived: as {@link System#nanoTime()} (to compare with the client's clock) and as wall-clock time next to the
 * record's {@code ce_time} (the outbox row's {@code created_at}, same machine, same clock).
 */
final class LifecycleWatcher implements AutoCloseable {

    /** The first event of one block as the consumer saw it. */
    record Arrival(long nanos, Instant wallClock, Instant outboxCreatedAt) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Arrival> firstByKey = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final Thread thread = new Thread(this::run, "bench-lifecycle-watcher");

    LifecycleWatcher(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.BLOCKS_LIFECYCLE.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread.setDaemon(true);
        thread.start();
    }

    Arrival arrival(String key) {
        return firstByKey.get(key);
    }

    /** How many of the keys have had an event. */
    long arrived(Collection<String> keys) {
        return keys.stream().filter(firstByKey::containsKey).count();
    }

    /** Records read, duplicates included. */
    long records() {
        return records.get();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    note(record, System.nanoTime(), Instant.now());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void note(ConsumerRecord<String, byte[]> record, long nanos, Instant wallClock) {
        records.incrementAndGet();
        Header time = record.headers().lastHeader(CloudEventHeaders.TIME);
        Instant createdAt = time == null ? null : Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
        firstByKey.putIfAbsent(record.key(), new Arrival(nanos, wallClock, createdAt));
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

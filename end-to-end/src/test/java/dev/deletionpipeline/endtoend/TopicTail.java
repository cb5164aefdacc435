package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.common.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one contract topic from its beginning, as any consumer outside the pipeline can: every partition, committed
 * records only (the reconciler writes exactly-once, in transactions), no consumer group. Each {@link #catchUp} hands
 * over the records that arrived since the last one, up to the end the topic had when it was called.
 */
final class TopicTail<V> implements AutoCloseable {

    private static final Duration MAX_CATCH_UP = Duration.ofSeconds(30);

    private final KafkaConsumer<String, V> consumer;
    private final List<TopicPartition> partitions;

    TopicTail(String bootstrapServers, Topic<String, V> topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(
                config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Passes every record up to the current end of the topic, in offset order per partition. */
    void catchUp(Consumer<ConsumerRecord<String, V>> each) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + MAX_CATCH_UP.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read up to " + end + " within " + MAX_CATCH_UP);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(each);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

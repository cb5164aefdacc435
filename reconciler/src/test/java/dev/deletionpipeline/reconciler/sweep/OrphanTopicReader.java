package dev.deletionpipeline.reconciler.sweep;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code deletion.orphans.v1} from the beginning and keeps the records of the blocks a test seeded. */
final class OrphanTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, OrphanDetected> consumer;
    private final List<ConsumerRecord<String, OrphanDetected>> seen = new ArrayList<>();

    OrphanTopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                Topics.DELETION_ORPHANS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELETION_ORPHANS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until the topic holds exactly {@code count} records about the given blocks, and returns them. */
    List<ConsumerRecord<String, OrphanDetected>> awaitRecords(Collection<UUID> blocks, int count) {
        Set<String> keys = blocks.stream().map(UUID::toString).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(r -> keys.contains(r.key())).count() >= count;
        });
        // one more poll: anything beyond the expected count would be a defect
        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        return seen.stream().filter(r -> keys.contains(r.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

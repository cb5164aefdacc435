package dev.deletionpipeline.api.relay;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from its beginning, raw, and collects what it has read; no consumer group. */
final class TopicReader<K, V> implements AutoCloseable {

    private final Topic<K, V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    TopicReader(String bootstrapServers, Topic<K, V> topic) {
        this.topic = topic;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        // a topic just created may take a moment to show in the metadata
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !consumer.partitionsFor(topic.name()).isEmpty());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    Topic<K, V> topic() {
        return topic;
    }

    /** Everything read so far, after one more short poll. */
    List<ConsumerRecord<String, byte[]>> poll() {
        consumer.poll(Duration.ofMillis(50)).forEach(records::add);
        return records;
    }

    /** The records read so far whose ce_id is one of the given ids. */
    List<ConsumerRecord<String, byte[]>> withIds(Collection<UUID> ids) {
        Set<String> wanted = ids.stream().map(UUID::toString).collect(Collectors.toSet());
        return poll().stream()
                .filter(r -> wanted.contains(header(r, CloudEventHeaders.ID)))
                .toList();
    }

    /** The distinct ce_ids read so far, among the given ones. */
    Set<UUID> seenIds(Collection<UUID> ids) {
        return withIds(ids).stream()
                .map(r -> UUID.fromString(header(r, CloudEventHeaders.ID)))
                .collect(Collectors.toSet());
    }

    /** Each given id's records, grouped. */
    Map<String, List<ConsumerRecord<String, byte[]>>> byId(Collection<UUID> ids) {
        return withIds(ids).stream().collect(Collectors.groupingBy(r -> header(r, CloudEventHeaders.ID)));
    }

    V value(ConsumerRecord<String, byte[]> record) {
        return topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

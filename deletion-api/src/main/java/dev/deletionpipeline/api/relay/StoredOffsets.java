package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.common.json.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads where the relay's engine last committed its position, from the Kafka offset topic Debezium writes (Kafka
 * Connect's format: the key {@code ["<engine name>", {"server": ...}]}, the value the connector's offset with the WAL
 * positions {@code lsn}, {@code lsn_proc} and {@code lsn_commit}). The slot's confirmed position never passes the
 * committed offset, because Debezium confirms a position to PostgreSQL only after it stored it; a slot ahead of the
 * offset was therefore created after the relay last ran, and what was written in between may never have been relayed.
 * Debezium itself then refuses to start ("no longer available on the server"), so once the gap is re-published the
 * offset is {@link #forget forgotten} and the engine starts at the new slot.
 */
final class StoredOffsets {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> POSITIONS = List.of("lsn", "lsn_proc", "lsn_commit");

    private final RelaySettings.Kafka kafka;

    StoredOffsets(RelaySettings.Kafka kafka) {
        this.kafka = kafka;
    }

    /**
     * The relay's last committed offset, as stored.
     *
     * @param key the record key Debezium stored it under
     * @param position the furthest WAL position in it
     */
    record Offset(byte[] key, long position) {}

    /**
     * The relay's last committed offset; empty when it never committed one (a first start, or the offset topic is
     * gone) or it was {@link #forget forgotten}.
     *
     * @throws IllegalStateException when Kafka does not answer in time
     */
    Optional<Offset> last() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.offsetTopic(), READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return Optional.empty();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Optional<Offset> last = Optional.empty();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!readToEnd(consumer, end)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "Could not read offset topic " + kafka.offsetTopic() + " in " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (isThisRelays(record.key())) {
                        last = position(record.value()).stream()
                                .mapToObj(position -> new Offset(record.key(), position))
                                .findFirst();
                    }
                }
            }
            return last;
        }
    }

    /**
     * Removes the offset (a tombstone, as Kafka Connect's offset reset writes), so that the engine starts at the slot's
     * position: Debezium refuses to start from an offset the slot no longer has.
     */
    void forget(Offset offset) {
        Properties properties = kafka.clientConfig("-offset-reset");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(kafka.offsetTopic(), offset.key(), null))
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not reset the relay's offset in " + kafka.offsetTopic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resetting the relay's offset", e);
        }
    }

    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static boolean isThisRelays(byte[] key) {
        if (key == null) {
            return false;
        }
        JsonNode node = EventJson.mapper().readTree(key);
        return node.isArray()
                && OutboxConnectorProperties.ENGINE_NAME.equals(node.path(0).asString(null));
    }

    /** A tombstone (null value) means the offset was removed. */
    private static OptionalLong position(byte[] value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        JsonNode offset = EventJson.mapper().readTree(value);
        return POSITIONS.stream()
                .map(offset::path)
                .filter(JsonNode::isNumber)
                .mapToLong(JsonNode::asLong)
                .max();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = kafka.clientConfig("-offset-check");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

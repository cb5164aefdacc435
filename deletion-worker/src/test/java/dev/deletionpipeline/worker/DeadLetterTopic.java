package dev.deletionpipeline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.KafkaHeaders;

/** Reads a test class's dead-letter topic from the beginning. */
public final class DeadLetterTopic {

    private final String topic;

    public DeadLetterTopic(String topicPrefix) {
        this.topic = Topics.DELETION_DEAD_LETTERS.withPrefix(topicPrefix).name();
    }

    public List<ConsumerRecord<String, byte[]>> all() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfrastructure.kafka().bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return all().stream().filter(r -> key.equals(r.key())).toList();
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Dead letters say why in small headers (under 1 KB each) and carry no stack trace nor exception message. */
    public static void assertSmallHeadersOnly(ConsumerRecord<String, byte[]> deadLetter) {
        assertThat(deadLetter.headers().toArray())
                .allSatisfy(h -> assertThat(h.value().length).as(h.key()).isLessThanOrEqualTo(1024))
                .extracting(Header::key)
                .doesNotContain(
                        KafkaHeaders.DLT_EXCEPTION_STACKTRACE,
                        KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE,
                        KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }
}

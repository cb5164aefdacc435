package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A dead-lettered command says why in small {@code dlt_*} headers and carries no stack trace: an unreadable record and
 * a command that names an unknown owner each end on the dead-letter topic with every header under 1 KB.
 */
class DeadLetterHeadersIT extends ApiTestSupport {

    private static final String COMMANDS = TOPIC_PREFIX + Topics.DELETION_REQUESTS.name();
    private static final String DEAD_LETTERS = TOPIC_PREFIX + Topics.DELETION_REQUESTS_DEAD_LETTERS.name();

    @Test
    void deadLettersKeepTheirReasonAndDetailAndNoStackTrace() {
        String notJson = UUID.randomUUID().toString();
        UUID unknownOwner = UUID.randomUUID();
        String command = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"scope\":\"OWNER\",\"ownerId\":\"" + unknownOwner
                + "\",\"requestedBy\":\"calendar-sync\",\"requestedAt\":\"2026-01-01T00:00:00Z\"}";

        send(notJson, "this is not json {");
        send(unknownOwner.toString(), command);

        List<ConsumerRecord<String, byte[]>> deadLetters = awaitDeadLetters(List.of(notJson, unknownOwner.toString()));
        assertThat(deadLetters).hasSize(2).allSatisfy(record -> {
            assertThat(record.headers().lastHeader(DeadLetterHeaders.REASON)).isNotNull();
            assertThat(record.headers().lastHeader(DeadLetterHeaders.DETAIL)).isNotNull();
            assertThat(record.headers().toArray())
                    .allSatisfy(h -> assertThat(h.value().length).as(h.key()).isLessThanOrEqualTo(1024))
                    .extracting(Header::key)
                    .doesNotContain(
                            KafkaHeaders.DLT_EXCEPTION_STACKTRACE,
                            KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE,
                            KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        });
    }

    private static void send(String key, String value) {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(COMMANDS, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(List<String> keys) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !consumer.partitionsFor(DEAD_LETTERS).isEmpty());
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= keys.size();
            });
        }
        return found;
    }
}

package dev.deletionpipeline.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalKafkaIT {

    private static LocalKafka kafka;

    @BeforeAll
    static void startBroker() throws java.io.IOException {
        kafka = LocalKafka.start(java.nio.file.Files.createTempDirectory("local-kafka-it"), 3);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void everyContractTopicExistsWithTheConfiguredPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<String> names = Topics.ALL.stream().map(t -> t.name()).toList();
            Map<String, TopicDescription> topics =
                    admin.describeTopics(names).allTopicNames().get();
            assertThat(topics).hasSize(names.size());
            assertThat(topics.values())
                    .allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
            ConfigResource status = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DELETION_STATUS.name());
            String policy = admin.describeConfigs(List.of(status))
                    .all()
                    .get()
                    .get(status)
                    .get("cleanup.policy")
                    .value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void brokerAcceptsAndServesARecordOnAContractTopic() {
        var topic = Topics.HARD_DELETE_CONFIRMED;
        UUID blockId = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        HardDeleteConfirmed confirmed = new HardDeleteConfirmed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                blockId,
                UUID.randomUUID(),
                "primary",
                "evt1",
                HardDeleteOutcome.DELETED,
                1,
                0,
                now,
                now,
                now,
                now);
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(
                producerConfig,
                topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), blockId.toString(), confirmed))
                    .get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-kafka-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(
                consumerConfig,
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            ConsumerRecord<String, HardDeleteConfirmed> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    received = record;
                }
            }
            assertThat(received).isNotNull();
            assertThat(received.key()).isEqualTo(blockId.toString());
            assertThat(received.value()).isEqualTo(confirmed);
        }
    }
}

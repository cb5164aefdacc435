package dev.deletionpipeline.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;

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
        HardDeleteConfirmed confirmed = hardDeleteConfirmed();
        send(kafka, confirmed);
        assertThat(readFirst(kafka, "local-kafka-it")).isEqualTo(confirmed);
    }

    @Test
    void aKeptLogServesItsRecordsAndTopicsAfterARestart(@TempDir Path directory) throws Exception {
        HardDeleteConfirmed confirmed = hardDeleteConfirmed();
        String clusterId;
        try (LocalKafka first = LocalKafka.startKeeping(directory, 2)) {
            clusterId = clusterId(first);
            first.createTopic("local-kafka-it-own", 1);
            send(first, confirmed);
        }
        try (LocalKafka second = LocalKafka.startKeeping(directory, 2);
                Admin admin = Admin.create(second.adminClientProperties())) {
            assertThat(clusterId(second)).isEqualTo(clusterId);
            assertThat(admin.listTopics().names().get()).contains("local-kafka-it-own");
            assertThat(readFirst(second, "local-kafka-it-restart")).isEqualTo(confirmed);
        }
    }

    private static String clusterId(LocalKafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.adminClientProperties())) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static HardDeleteConfirmed hardDeleteConfirmed() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        return new HardDeleteConfirmed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
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
    }

    /** Sends the record to {@code hard-delete-confirmed}, keyed by its block id, and waits for the broker's ack. */
    private static void send(LocalKafka kafka, HardDeleteConfirmed confirmed) {
        var topic = Topics.HARD_DELETE_CONFIRMED;
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(
                producerConfig,
                topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), confirmed.blockId().toString(), confirmed))
                    .get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The first record on {@code hard-delete-confirmed}, read from the beginning by a new consumer group. */
    private static HardDeleteConfirmed readFirst(LocalKafka kafka, String group) {
        var topic = Topics.HARD_DELETE_CONFIRMED;
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        try (var consumer = new KafkaConsumer<>(
                consumerConfig,
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            List<ConsumerRecord<String, HardDeleteConfirmed>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            ConsumerRecord<String, HardDeleteConfirmed> first = received.get(0);
            assertThat(first.key()).isEqualTo(first.value().blockId().toString());
            return first.value();
        }
    }
}

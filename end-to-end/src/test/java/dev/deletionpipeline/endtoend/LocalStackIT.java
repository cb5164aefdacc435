package dev.deletionpipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.topics.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The quick start, as a user follows it: the built stack comes up with every part answering, prints and writes where
 * everything is, stops on Ctrl-C without leaving a process behind, and starts again on the same data (PostgreSQL's and
 * Kafka's). It runs first, before the stack the other suites share is up: its two starts then have the machine to
 * themselves.
 */
@Order(1)
class LocalStackIT {

    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Topic<String, String> KEPT =
            new Topic<>("local-stack-it-kept", Serdes.String(), Serdes.String());

    @Test
    void stackComesUpAnswersStopsCleanlyAndRestartsOnTheSameData() throws Exception {
        Path data = Path.of("target", "local-stack-it").toAbsolutePath();
        Set<String> kafkaBefore;
        LocalStackProcess.deleteDataDirectory(data);
        try (LocalStackProcess stack = LocalStackProcess.start(data)) {
            long started = System.nanoTime();
            Map<String, String> description = stack.awaitDescription(STARTUP);
            System.out.printf(
                    "Local stack up in %d s%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());

            assertThat(description)
                    .containsKeys(
                            "api_url",
                            "worker_url",
                            "reconciler_url",
                            "kafka_bootstrap",
                            "jdbc_url",
                            "calendar_url",
                            "owner_token",
                            "admin_token");
            for (String service : List.of("api_url", "worker_url", "reconciler_url")) {
                assertThat(get(description.get(service) + "/actuator/health").statusCode())
                        .as(service)
                        .isEqualTo(200);
            }
            assertThat(get(description.get("calendar_url") + "/_standin/events").body())
                    .contains("demoevent1");
            kafkaBefore = keptRecordAndTopics(description.get("kafka_bootstrap"));
            assertStopsWithoutLeftovers(stack, data);
        }
        try (LocalStackProcess again = LocalStackProcess.start(data)) {
            Map<String, String> description = again.awaitDescription(STARTUP);
            assertThat(get(description.get("api_url") + "/actuator/health").statusCode())
                    .isEqualTo(200);
            assertThat(get(description.get("calendar_url") + "/_standin/events").body())
                    .as("the demo blocks kept in the database are synced: their events must be at Google (the"
                            + " stand-in) again after a restart")
                    .contains("demoevent1");
            String bootstrap = description.get("kafka_bootstrap");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true))
                                .names()
                                .get())
                        .as("topics of the first start (the relay's offsets, the reconciler's changelogs among them)")
                        .containsAll(kafkaBefore);
            }
            try (TopicTail<String> tail = new TopicTail<>(bootstrap, KEPT)) {
                List<String> values = new ArrayList<>();
                tail.catchUp(record -> values.add(record.value()));
                assertThat(values).as("the record written before the restart").containsExactly("written before");
            }
            assertStopsWithoutLeftovers(again, data);
        }
    }

    /** Writes one record to a topic of this test's own and returns the names of every topic the broker has now. */
    private static Set<String> keptRecordAndTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new StringSerializer(),
                        new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(KEPT.name(), 1, (short) 1)))
                    .all()
                    .get();
            producer.send(new ProducerRecord<>(KEPT.name(), "kept", "written before"))
                    .get();
            return admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get();
        }
    }

    private static void assertStopsWithoutLeftovers(LocalStackProcess stack, Path data)
            throws IOException, InterruptedException {
        List<ProcessHandle> children = stack.descendants();
        assertThat(children).as("service and postgres processes").isNotEmpty();
        stack.stopAndWait(Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(children).as("processes left after Ctrl-C").noneMatch(ProcessHandle::isAlive));
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL still running on the data directory")
                .isFalse();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

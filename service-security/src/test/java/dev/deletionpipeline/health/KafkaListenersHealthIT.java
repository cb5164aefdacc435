package dev.deletionpipeline.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.kafka.LocalKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code kafkaListeners} contributor against a real broker and real listener containers, and the liveness probe of
 * a real web server that includes it. The steps build on each other: one listener consumes, one was never started, then
 * the consuming one is stopped on purpose, then one is started that fails fatally (no committed offset and reset policy
 * {@code none}).
 */
@SpringBootTest(
        classes = KafkaListenersHealthIT.Listeners.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:deletion-security-local.yml",
            "management.endpoint.health.probes.enabled=true",
            "management.endpoint.health.group.liveness.include=livenessState,kafkaListeners"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaListenersHealthIT {

    private static final String TOPIC = "health-it";
    private static final String CONSUMING = "consuming";
    private static final String NEVER_STARTED = "never-started";
    private static final String WITHOUT_OFFSET = "without-offset";
    private static final LocalKafka KAFKA = LocalKafka.start(
            Path.of(
                            "target",
                            "it-kafka-health",
                            "kafka-" + ProcessHandle.current().pid())
                    .toAbsolutePath(),
            1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KAFKA::close, "it-kafka-health-stop"));
        KAFKA.createTopic(TOPIC, 1);
    }

    @Autowired
    private KafkaListenerEndpointRegistry registry;

    @Autowired
    @Qualifier("kafkaListeners")
    private HealthIndicator kafkaListeners;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @Test
    @Order(1)
    void aConsumingListenerAndOneNeverStartedAreUp() throws Exception {
        MessageListenerContainer consuming = registry.getListenerContainer(CONSUMING);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> consuming.getAssignedPartitions() != null
                        && !consuming.getAssignedPartitions().isEmpty());

        Health health = kafkaListeners.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("listeners", List.of(CONSUMING, NEVER_STARTED, WITHOUT_OFFSET));
        assertThat(liveness().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aListenerStoppedOnPurposeStaysUp() throws Exception {
        registry.getListenerContainer(CONSUMING).stop();

        assertThat(registry.getListenerContainer(CONSUMING).isRunning()).isFalse();
        assertThat(kafkaListeners.health().getStatus()).isEqualTo(Status.UP);
        assertThat(liveness().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aListenerStoppedByAFatalErrorIsDownAndTakesLivenessDown() throws Exception {
        registry.getListenerContainer(WITHOUT_OFFSET).start();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(kafkaListeners.health().getStatus()).isEqualTo(Status.DOWN));
        assertThat(kafkaListeners.health().getDetails()).containsEntry("stoppedAbnormally", List.of(WITHOUT_OFFSET));
        HttpResponse<String> liveness = liveness();
        assertThat(liveness.statusCode()).isEqualTo(503);
        assertThat(liveness.body()).contains("DOWN");
    }

    private HttpResponse<String> liveness() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Listeners {

        @KafkaListener(id = CONSUMING, topics = TOPIC)
        void consume(String value) {}

        @KafkaListener(id = NEVER_STARTED, topics = TOPIC, autoStartup = "false")
        void neverStarted(String value) {}

        @KafkaListener(
                id = WITHOUT_OFFSET,
                topics = TOPIC,
                autoStartup = "false",
                properties = "auto.offset.reset=none")
        void withoutOffset(String value) {}
    }
}

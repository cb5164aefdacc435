package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.reconciler.ReconcilerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * One reconciler Spring Boot application in this JVM, on its own HTTP port and state directory. Public for the
 * whole-application tests of other packages.
 */
public final class ReconcilerInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PEER_SECRET = "peer-secret-of-the-multi-instance-test-0123";

    final int port;
    private final ConfigurableApplicationContext context;

    private ReconcilerInstance(int port, ConfigurableApplicationContext context) {
        this.port = port;
        this.context = context;
    }

    /**
     * Command-line arguments, so that they win over application.yml.
     *
     * @param settings more {@code --name=value} arguments
     */
    public static ReconcilerInstance start(
            String name,
            String applicationId,
            String topicPrefix,
            String bootstrap,
            TestDatabase database,
            String... settings) {
        int port = freePort();
        Path stateDir = Path.of("target", "it-state", applicationId, name).toAbsolutePath();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--deletion.reconciler.application-id=" + applicationId,
                "--deletion.reconciler.application-server=localhost:" + port,
                "--deletion.reconciler.state-dir=" + stateDir,
                "--deletion.topic-prefix=" + topicPrefix,
                "--deletion.reconciler.deadline=2s",
                "--deletion.reconciler.punctuation-interval=500ms",
                "--deletion.reconciler.sweep.enabled=false",
                // the instances ask each other with their own credential (never the caller's token)
                "--deletion.reconciler.peers.allowed=localhost",
                "--deletion.reconciler.peers.secret=" + PEER_SECRET,
                // a stopped instance without leave-group is noticed after the session timeout (45 s by default)
                "--spring.kafka.streams.properties.session.timeout.ms=10000"));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(ReconcilerApplication.class).run(arguments.toArray(String[]::new));
        return new ReconcilerInstance(port, context);
    }

    /** {@link #start}, then waits until Kafka Streams runs (its stores restored). */
    public static ReconcilerInstance startRunning(
            String applicationId, String topicPrefix, String bootstrap, TestDatabase database, String... settings) {
        ReconcilerInstance instance = start("a", applicationId, topicPrefix, bootstrap, database, settings);
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);
        return instance;
    }

    public KafkaStreams streams() {
        return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}

package dev.deletionpipeline.endtoend;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) as a child JVM ({@code kafka.Kafka}, the
 * broker's own main class), on fixed ports and with a log directory that survives a restart: unlike the launcher's
 * in-process broker, it can be restarted under running clients, which reconnect to the same address and find their
 * topics, offsets and transactions again. Used by the suites that restart the broker.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(2);

    private final Path directory;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Formats a fresh log directory, starts the broker and creates every contract topic with these partitions. */
    static KafkaBrokerProcess start(Path directory, int partitions) {
        LocalStackProcess.deleteDataDirectory(directory);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, ComposedStack.freePort());
        broker.writeProperties(ComposedStack.freePort());
        broker.format();
        broker.launch();
        broker.createContractTopics(partitions);
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The broker's JVM, for its CPU time. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops the broker cleanly (SIGTERM, as an operator's rolling restart does) and starts it again on its log. */
    void restart() {
        stop();
        launch();
    }

    private void writeProperties(int controllerPort) {
        String properties = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("log"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "group.initial.rebalance.delay.ms=0",
                "");
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("server.properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format() {
        Process storageTool = java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                clusterId(),
                "-c",
                directory.resolve("server.properties").toString());
        try {
            if (!storageTool.waitFor(2, TimeUnit.MINUTES) || storageTool.exitValue() != 0) {
                throw new IllegalStateException("Could not format the Kafka log; see " + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private void launch() {
        process = java("kafka.Kafka", directory.resolve("server.properties").toString());
        try (Admin admin = admin()) {
            await().atMost(START)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("The Kafka broker exited; see " + log());
                        }
                        return !admin.describeCluster()
                                .nodes()
                                .get(5, TimeUnit.SECONDS)
                                .isEmpty();
                    });
        }
    }

    private void createContractTopics(int partitions) {
        List<NewTopic> topics =
                Topics.ALL.stream().map(topic -> newTopic(topic, partitions)).toList();
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the contract topics", e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, int partitions) {
        NewTopic newTopic = new NewTopic(topic.name(), partitions, (short) 1);
        if (Topics.COMPACTED.contains(topic)) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** A JVM on this test's classpath, which holds the broker (through the local stack's Kafka test kit). */
    private Process java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + mainClass, e);
        }
    }

    private Path log() {
        return directory.resolve("kafka.log");
    }

    private static String clusterId() {
        // Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}

package dev.deletionpipeline.localstack.kafka;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker + controller), in this JVM, with every contract topic
 * created. Its log is started afresh in the given directory each time: the local stack's durable state is in
 * PostgreSQL. The broker may not halt or exit the JVM (it would on a failed log directory): the JVM's owner decides.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaClusterTestKit cluster;

    private LocalKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts the broker on a free port (see {@link #bootstrapServers()}).
     *
     * @param directory the broker's log directory; whatever is in it is deleted first
     * @param partitions partitions of every contract topic
     */
    public static LocalKafka start(Path directory, int partitions) {
        keepTheJvmInCharge();
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(directory)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", Integer.toString(partitions))
                    // the log cleaner allocates its whole dedupe buffer on the heap at start (128 MB by default);
                    // 16 MB holds the keys of about 600,000 records per cleaning pass, far more than a local stack has
                    .setConfigProp("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024))
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            LocalKafka kafka = new LocalKafka(cluster);
            kafka.createContractTopics(partitions);
            return kafka;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
    }

    private static void keepTheJvmInCharge() {
        Exit.setExitProcedure((status, message) -> log.error("Kafka asked to exit ({}): {}", status, message));
        Exit.setHaltProcedure((status, message) -> log.error("Kafka asked to halt ({}): {}", status, message));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates a topic outside the contract (e.g. a test's own); one that exists is left as it is. */
    public void createTopic(String name, int partitions) {
        create(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    private void createContractTopics(int partitions) {
        create(Topics.ALL.stream().map(topic -> newTopic(topic, partitions)).toList());
    }

    private void create(List<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topics " + topics, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic, int partitions) {
        NewTopic newTopic = new NewTopic(topic.name(), partitions, (short) 1);
        if (Topics.COMPACTED.contains(topic)) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not stop cleanly", e);
        }
    }
}

package dev.deletionpipeline.localstack.kafka;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker + controller), in this JVM, with every contract topic
 * created. {@link #start} begins with an empty log directory each time (tests); {@link #startKeeping} carries on with
 * the records, topics, consumer offsets and metadata a previous start left in its directory (the local stack, whose
 * PostgreSQL files are kept too). The broker may not halt or exit the JVM (it would on a failed log directory): the
 * JVM's owner decides.
 *
 * <p>{@link #startSecured} starts it as production runs Kafka: clients log in with SASL/SCRAM-SHA-512 on a {@code
 * SASL_PLAINTEXT} listener and Kafka's {@code StandardAuthorizer} lets through only what ACLs allow.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    /** The super user of a secured broker: the broker itself and {@link #adminClientProperties()}. */
    public static final String ADMIN = "admin";

    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required";
    private static final String SCRAM = "SCRAM-SHA-512";
    /** The KRaft cluster id of a kept log: the formatted log only opens under the id it was formatted with. */
    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final String bootstrapServers;
    private final AutoCloseable broker;
    private final Map<String, Object> adminLogin;

    private LocalKafka(String bootstrapServers, AutoCloseable broker, Map<String, Object> adminLogin) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.adminLogin = adminLogin;
    }

    /**
     * A broker that runs already (a Testcontainers container), open to every client; the contract topics are created.
     *
     * @param broker stops it on {@link #close}
     */
    public static LocalKafka running(String bootstrapServers, AutoCloseable broker, int partitions) {
        LocalKafka kafka = new LocalKafka(bootstrapServers, broker, Map.of());
        kafka.createContractTopics(partitions);
        return kafka;
    }

    /**
     * Starts the broker on a free port (see {@link #bootstrapServers()}), open to every client.
     *
     * @param directory the broker's log directory; whatever is in it is deleted first
     * @param partitions partitions of every contract topic
     */
    public static LocalKafka start(Path directory, int partitions) {
        return start(directory, partitions, null, false);
    }

    /**
     * Starts the broker on a free port, open to every client, on the log a previous {@code startKeeping} left in the
     * directory; a directory without one (no {@value #CLUSTER_ID_FILE} in it) is emptied and formatted. Contract
     * topics that exist keep their partitions; missing ones are created with {@code partitions}.
     */
    public static LocalKafka startKeeping(Path directory, int partitions) {
        return start(directory, partitions, null, true);
    }

    /**
     * Starts the broker with authentication and authorisation on: clients log in with SASL/SCRAM-SHA-512 (users from
     * {@link #addScramUser}), anything without an ACL is refused ({@code allow.everyone.if.no.acl.found=false}). The
     * broker and {@link #adminClientProperties()} log in as the super user {@value #ADMIN} with SASL/PLAIN and a
     * password made up for this start.
     */
    public static LocalKafka startSecured(Path directory, int partitions) {
        return start(directory, partitions, UUID.randomUUID().toString(), false);
    }

    private static LocalKafka start(Path directory, int partitions, String adminPassword, boolean keep) {
        keepTheJvmInCharge();
        boolean secured = adminPassword != null;
        try {
            Path clusterIdFile = directory.resolve(CLUSTER_ID_FILE);
            boolean formatted = keep && Files.exists(clusterIdFile);
            if (!formatted) {
                deleteRecursively(directory);
                Files.createDirectories(directory);
            }
            String clusterId = formatted
                    ? Files.readString(clusterIdFile).strip()
                    : Uuid.randomUuid().toString();
            TestKitNodes.Builder nodeSettings = new TestKitNodes.Builder()
                    .setClusterId(clusterId)
                    .setBaseDirectory(directory)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1);
            if (secured) {
                nodeSettings
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
            }
            TestKitNodes nodes = nodeSettings.build();
            KafkaClusterTestKit.Builder clusterSettings = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", Integer.toString(partitions))
                    // the log cleaner allocates its whole dedupe buffer on the heap at start (128 MB by default);
                    // 16 MB holds the keys of about 600,000 records per cleaning pass, far more than a local stack has
                    .setConfigProp("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024))
                    .setDeleteOnClose(!keep);
            if (secured) {
                securityConfig(nodes, adminPassword).forEach(clusterSettings::setConfigProp);
            }
            KafkaClusterTestKit cluster = clusterSettings.build();
            if (!formatted) {
                cluster.format();
                // written once the log is formatted: its presence says the directory holds a log of this cluster
                Files.writeString(clusterIdFile, clusterId);
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
            Map<String, Object> adminLogin = secured ? plainLogin(ADMIN, adminPassword) : Map.of();
            LocalKafka kafka = new LocalKafka(cluster.bootstrapServers(), cluster, adminLogin);
            kafka.createContractTopics(partitions);
            return kafka;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        } catch (Exception e) {
            // e.g. a log formatted by an older Kafka at a metadata version this one no longer reads
            throw new IllegalStateException(
                    keep
                            ? "Kafka did not start on the log kept in " + directory + " (deleting it starts afresh)"
                            : "Kafka did not start",
                    e);
        }
    }

    /**
     * The broker's side of {@link #startSecured}: both listeners take SASL, the broker talks to itself and to its
     * controller as the super user over PLAIN, clients log in over SCRAM (whose credentials live in the metadata log).
     */
    private static Map<String, String> securityConfig(TestKitNodes nodes, String adminPassword) {
        String brokerListener = nodes.brokerListenerName().value().toLowerCase(Locale.ROOT);
        String controllerListener = nodes.controllerListenerName().value().toLowerCase(Locale.ROOT);
        String plainServer = PLAIN_LOGIN + " username=\"" + ADMIN + "\" password=\"" + adminPassword + "\" user_"
                + ADMIN + "=\"" + adminPassword + "\";";
        Map<String, String> config = new HashMap<>();
        config.put("sasl.enabled.mechanisms", "PLAIN," + SCRAM);
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name." + brokerListener + ".plain.sasl.jaas.config", plainServer);
        config.put("listener.name." + brokerListener + ".scram-sha-512.sasl.jaas.config", SCRAM_LOGIN + ";");
        config.put("listener.name." + controllerListener + ".sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name." + controllerListener + ".plain.sasl.jaas.config", plainServer);
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + ADMIN);
        return config;
    }

    private static Map<String, Object> plainLogin(String user, String password) {
        return Map.of(
                "security.protocol",
                SecurityProtocol.SASL_PLAINTEXT.name,
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                PLAIN_LOGIN + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** The client settings that log in to a {@link #startSecured secured} broker as a SCRAM user. */
    public static Map<String, Object> scramLogin(String user, String password) {
        return Map.of(
                "security.protocol",
                SecurityProtocol.SASL_PLAINTEXT.name,
                "sasl.mechanism",
                SCRAM,
                "sasl.jaas.config",
                SCRAM_LOGIN + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** Bootstrap servers and, on a secured broker, the super user's login: the settings of an admin client. */
    public Map<String, Object> adminClientProperties() {
        Map<String, Object> properties = new HashMap<>(adminLogin);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** Creates or replaces a SCRAM-SHA-512 user of a {@link #startSecured secured} broker. */
    public void addScramUser(String user, String password) {
        try (Admin admin = Admin.create(adminClientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while adding a SCRAM user", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not add the SCRAM user " + user, e.getCause());
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
        return bootstrapServers;
    }

    /** Creates a topic outside the contract (e.g. a test's own); one that exists is left as it is. */
    public void createTopic(String name, int partitions) {
        create(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    private void createContractTopics(int partitions) {
        create(Topics.ALL.stream().map(topic -> newTopic(topic, partitions)).toList());
    }

    private void create(List<NewTopic> topics) {
        try (Admin admin = Admin.create(adminClientProperties())) {
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
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not stop cleanly", e);
        }
    }
}

package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka as production runs it: a broker of its own with SASL/SCRAM-SHA-512 and the {@code StandardAuthorizer}, ACLs
 * created with the Admin client as an operator would, and deletion-api logging in with its own principal through the
 * standard {@code spring.kafka.*} settings, for its command consumer, its dead-letter producer and its embedded relay
 * (producer and offset store). The broker refuses whoever has no ACL or no account; the consumer's source policy still
 * applies behind it.
 */
@SpringBootTest
@ActiveProfiles("local")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaAuthorizationIT {

    private static final TestDatabase DATABASE = SharedInfrastructure.freshDatabase("api_kafka_authz");
    private static final LocalKafka KAFKA = LocalKafka.startSecured(
            Path.of(
                            "target",
                            "it-kafka-secured",
                            "kafka-" + ProcessHandle.current().pid())
                    .toAbsolutePath(),
            1);
    private static final String API_USER = "deletion-api";
    private static final String API_PASSWORD = UUID.randomUUID().toString();
    private static final String BILLING_PASSWORD = UUID.randomUUID().toString();
    private static final String NO_ACL_PASSWORD = UUID.randomUUID().toString();
    private static final String GROUP = "deletion-api-requests";
    private static final String OFFSETS = "deletion-api.relay-offsets";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KAFKA::close, "it-kafka-secured-stop"));
        KAFKA.addScramUser(API_USER, API_PASSWORD);
        KAFKA.addScramUser("billing", BILLING_PASSWORD);
        KAFKA.addScramUser("reporting", NO_ACL_PASSWORD);
        grant(
                allow("User:billing", ResourceType.TOPIC, Topics.DELETION_REQUESTS.name(), AclOperation.WRITE),
                allow("User:" + API_USER, ResourceType.TOPIC, Topics.DELETION_REQUESTS.name(), AclOperation.READ),
                allow("User:" + API_USER, ResourceType.GROUP, GROUP, AclOperation.READ),
                allow(
                        "User:" + API_USER,
                        ResourceType.TOPIC,
                        Topics.DELETION_REQUESTS_DEAD_LETTERS.name(),
                        AclOperation.WRITE),
                allow("User:" + API_USER, ResourceType.TOPIC, Topics.BLOCKS_LIFECYCLE.name(), AclOperation.WRITE),
                allow("User:" + API_USER, ResourceType.TOPIC, Topics.HARD_DELETE_CONFIRMED.name(), AclOperation.WRITE),
                allow("User:" + API_USER, ResourceType.TOPIC, OFFSETS, AclOperation.ALL));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        Map<String, Object> login = LocalKafka.scramLogin(API_USER, API_PASSWORD);
        registry.add("spring.kafka.security.protocol", () -> login.get("security.protocol"));
        registry.add("spring.kafka.properties.sasl.mechanism", () -> login.get("sasl.mechanism"));
        registry.add("spring.kafka.properties.sasl.jaas.config", () -> login.get("sasl.jaas.config"));
        registry.add("deletion.api.blocks.grace-period", () -> "1h");
        registry.add("deletion.api.withdrawal.purge-enabled", () -> "false");
        registry.add("deletion.api.requests.group-id", () -> GROUP);
        registry.add("deletion.api.requests.sources[0].source", () -> "/billing");
        registry.add("deletion.api.requests.sources[0].scopes", () -> "BLOCK,CALENDAR");
        registry.add("deletion.relay.enabled", () -> "true");
        registry.add("deletion.relay.slot-name", () -> "slot_" + DATABASE.name());
        registry.add("deletion.relay.leader-poll-interval", () -> "500ms");
        registry.add("deletion.relay.kafka.offset-topic", () -> OFFSETS);
        registry.add("deletion.relay.kafka.offset-flush-interval", () -> "1s");
        registry.add("deletion.relay.cleanup.enabled", () -> "false");
    }

    @Autowired
    private JdbcClient jdbc;

    /** Waits until this instance's relay holds the lock and its engine runs (the offset store logged in). */
    @BeforeAll
    static void relayStreams(@Autowired MeterRegistry registry) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> registry.find("deletion.relay.active").gauge() != null
                        && registry.get("deletion.relay.active").gauge().value() == 1);
    }

    @Test
    void aCommandFromAnAllowedPrincipalIsCarriedOutAndRelayedUnderItsOwnLogin() throws Exception {
        Fixtures fixtures = new Fixtures(jdbc);
        TestOwner owner = fixtures.owner();
        UUID block = fixtures.block(owner.id(), "work");
        DeletionRequested command = command(owner.id(), block);

        try (KafkaProducer<String, DeletionRequested> billing =
                producer(LocalKafka.scramLogin("billing", BILLING_PASSWORD))) {
            billing.send(record(command, "/billing")).get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "SOFT_DELETED".equals(fixtures.deletionState(block)));
        assertThat(lifecycleKeys(block))
                .as("BlockSoftDeleted relayed by deletion-api's principal")
                .contains(block.toString());
    }

    @Test
    void aPrincipalWithoutAnAclIsRefusedByTheBroker() {
        DeletionRequested command = command(UUID.randomUUID(), UUID.randomUUID());

        Throwable refused;
        try (KafkaProducer<String, DeletionRequested> reporting =
                producer(LocalKafka.scramLogin("reporting", NO_ACL_PASSWORD))) {
            refused = catchThrowable(
                    () -> reporting.send(record(command, "/billing")).get(30, TimeUnit.SECONDS));
        }

        assertThat(causes(refused)).hasAtLeastOneElementOfType(TopicAuthorizationException.class);
    }

    @Test
    void aPrincipalTheBrokerDoesNotKnowCannotLogIn() {
        DeletionRequested command = command(UUID.randomUUID(), UUID.randomUUID());

        Throwable refused;
        try (KafkaProducer<String, DeletionRequested> stranger =
                producer(LocalKafka.scramLogin("billing", "guessed-" + UUID.randomUUID()))) {
            refused = catchThrowable(
                    () -> stranger.send(record(command, "/billing")).get(30, TimeUnit.SECONDS));
        }

        assertThat(causes(refused)).hasAtLeastOneElementOfType(SaslAuthenticationException.class);
    }

    private static DeletionRequested command(UUID owner, UUID block) {
        return new DeletionRequested(
                UUID.randomUUID(), DeletionScope.BLOCK, owner, block, null, "billing", Instant.now());
    }

    private static ProducerRecord<String, DeletionRequested> record(DeletionRequested command, String source) {
        ProducerRecord<String, DeletionRequested> record = new ProducerRecord<>(
                Topics.DELETION_REQUESTS.name(), command.ownerId().toString(), command);
        ContractCloudEvents.writeTo(record.headers(), ContractCloudEvents.of(command, source, Instant.now()));
        return record;
    }

    private static KafkaProducer<String, DeletionRequested> producer(Map<String, Object> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new KafkaProducer<>(
                config,
                Topics.DELETION_REQUESTS.keySerde().serializer(),
                Topics.DELETION_REQUESTS.valueSerde().serializer());
    }

    /** The keys on the lifecycle topic, read as the super user, once the given block's event is among them. */
    private static List<String> lifecycleKeys(UUID block) {
        Map<String, Object> config = new HashMap<>(KAFKA.adminClientProperties());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "authz-it-" + UUID.randomUUID());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.BLOCKS_LIFECYCLE.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                return keys.contains(block.toString());
            });
        }
        return keys;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static void grant(AclBinding... acls) {
        try (Admin admin = Admin.create(KAFKA.adminClientProperties())) {
            admin.createAcls(List.of(acls)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the ACLs", e);
        }
    }
}

package dev.deletionpipeline.api;

import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of deletion-api's integration tests: a fresh PostgreSQL database, the shared Kafka
 * broker, the CDC relay off, a grace period of one hour (so that restores are possible), a confirmation threshold of
 * {@value #CONFIRMATION_THRESHOLD} blocks (so that the brakes on mass deletion are met with a few rows), a fast
 * withdrawal purge, calendar deletions due after {@link #CALENDAR_DUE_PERIOD} and a clock that tests move. Every test class extends it, so the context starts once; tests keep apart by creating their
 * own owners. Command topics carry a prefix of their own, so no other context in the JVM consumes them. Two requesting
 * services may send commands: {@link #CALENDAR_SYNC_SOURCE} (scopes BLOCK and CALENDAR) and {@link
 * #ACCOUNT_SERVICE_SOURCE} (scope OWNER).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class ApiTestSupport {

    protected static final TestDatabase DATABASE = SharedInfrastructure.freshDatabase("api_it");
    protected static final LocalKafka KAFKA = SharedInfrastructure.kafka();
    protected static final int CONFIRMATION_THRESHOLD = 5;
    protected static final String TOPIC_PREFIX =
            "api-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    protected static final String CALENDAR_SYNC_SOURCE = "/test/calendar-sync";
    protected static final String ACCOUNT_SERVICE_SOURCE = "/test/account-service";
    /** The due period of calendar deletions, against the default of 30 days for every other scope. */
    protected static final Duration CALENDAR_DUE_PERIOD = Duration.ofDays(7);

    static {
        KAFKA.createTopic(TOPIC_PREFIX + "deletion.requests.v1", 3);
        KAFKA.createTopic(TOPIC_PREFIX + "deletion.requests-dead-letters.v1", 3);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("deletion.relay.enabled", () -> "false");
        registry.add("deletion.relay.cleanup.enabled", () -> "false");
        registry.add("deletion.api.blocks.grace-period", () -> "1h");
        registry.add("deletion.api.deletions.confirmation-threshold", () -> CONFIRMATION_THRESHOLD);
        registry.add("deletion.api.withdrawal.purge-interval", () -> "200ms");
        registry.add("deletion.requests.due-period-by-scope.CALENDAR", CALENDAR_DUE_PERIOD::toString);
        registry.add("deletion.topic-prefix", () -> TOPIC_PREFIX);
        registry.add("deletion.api.requests.group-id", () -> TOPIC_PREFIX + "group");
        registry.add("deletion.api.requests.retry-interval", () -> "100ms");
        registry.add("deletion.api.requests.retry-attempts", () -> "1");
        registry.add("deletion.api.requests.sources[0].source", () -> CALENDAR_SYNC_SOURCE);
        registry.add("deletion.api.requests.sources[0].scopes", () -> "BLOCK,CALENDAR");
        registry.add("deletion.api.requests.sources[1].source", () -> ACCOUNT_SERVICE_SOURCE);
        registry.add("deletion.api.requests.sources[1].scopes", () -> "OWNER");
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    protected int port() {
        return port;
    }

    protected ApiClient api() {
        return new ApiClient(port);
    }

    protected Fixtures fixtures() {
        return new Fixtures(jdbc);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}

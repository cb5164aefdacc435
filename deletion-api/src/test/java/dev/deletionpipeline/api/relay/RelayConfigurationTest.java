package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The switches: {@code deletion.relay.enabled=false} leaves no relay bean; the cleanup has its own switch. The relay's
 * own Kafka clients log in like spring.kafka's.
 */
class RelayConfigurationTest {

    /** With application.yml, where the defaults live. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(RelayConfiguration.class, OutboxCleanupConfiguration.class)
            .withBean(DataSource.class, PGSimpleDataSource::new)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void relaySwitchedOffLeavesNoBeanThatTouchesDebezium() {
        runner.withPropertyValues("deletion.relay.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OutboxRelay.class);
            assertThat(context).doesNotHaveBean(RelayMetrics.class);
            assertThat(context).hasSingleBean(OutboxCleanup.class);
        });
    }

    @Test
    void cleanupSwitchedOffToo() {
        runner.withPropertyValues("deletion.relay.enabled=false", "deletion.relay.cleanup.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(OutboxRelay.class);
                    assertThat(context).doesNotHaveBean(OutboxCleanup.class);
                });
    }

    @Test
    void theRelaysClientsTakeSpringKafkasConnectionSecurityAndNothingElse() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SASL_PLAINTEXT");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", "ScramLoginModule required;");
        kafka.getProperties().put("linger.ms", "50");
        kafka.getProducer().setAcks("1");

        Map<String, String> security = RelayConfiguration.connectionSecurityOf(kafka);

        assertThat(security)
                .containsOnly(
                        Map.entry("security.protocol", "SASL_PLAINTEXT"),
                        Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                        Map.entry("sasl.jaas.config", "ScramLoginModule required;"));
    }

    @Test
    void theRelaysOwnClientPropertiesWinOverSpringKafkas() {
        RelaySettings.Kafka own = new RelaySettings.Kafka(
                "kafka:9092", "offsets", (short) 1, Duration.ofSeconds(1), Map.of("sasl.mechanism", "PLAIN"));
        RelaySettings settings = new RelaySettings(true, "/relay", "slot", "pub", null, null, null, null, own, null);

        RelaySettings merged = settings.withKafkaClientDefaults(
                Map.of("sasl.mechanism", "SCRAM-SHA-512", "security.protocol", "SASL_SSL"));

        assertThat(merged.kafka().clientProperties())
                .containsOnly(Map.entry("sasl.mechanism", "PLAIN"), Map.entry("security.protocol", "SASL_SSL"));
    }
}

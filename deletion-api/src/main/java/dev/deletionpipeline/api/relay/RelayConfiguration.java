package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.settings.DeploymentTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the embedded relay when {@code deletion.relay.enabled} is true (the default). With false, none of these beans
 * exists and nothing in deletion-api touches Debezium: Kafka Connect or Debezium Server runs the connector instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "deletion.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({RelaySettings.class, DeploymentTopics.class})
class RelayConfiguration {

    @Bean
    RelayMetrics relayMetrics(
            RelaySettings settings, MeterRegistry registry, DataSource dataSource, ObjectProvider<Clock> clock) {
        return new RelayMetrics(registry, dataSource, settings.slotName(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean(destroyMethod = "destroy")
    OutboxRelay outboxRelay(
            RelaySettings settings, DeploymentTopics topics, RelayMetrics metrics, KafkaProperties kafka) {
        return new OutboxRelay(
                settings.withKafkaClientDefaults(connectionSecurityOf(kafka)), topics.topicPrefix(), metrics);
    }

    /**
     * The connection security of the spring.kafka clients ({@code security.protocol}, {@code sasl.*}, {@code ssl.*},
     * from {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and {@code spring.kafka.properties.*}): the
     * relay builds its own producer and offset store, and they must log in to Kafka like the rest of the service.
     */
    static Map<String, String> connectionSecurityOf(KafkaProperties kafka) {
        Map<String, String> security = new TreeMap<>();
        kafka.buildProducerProperties().forEach((key, value) -> {
            if (value != null && (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                security.put(key, value.toString());
            }
        });
        return security;
    }
}

package dev.deletionpipeline.api.relay;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the embedded relay when {@code deletion.relay.enabled} is true (the default). With false, none of these beans
 * exists and nothing in deletion-api touches Debezium: Kafka Connect or Debezium Server runs the connector instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "deletion.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RelaySettings.class)
class RelayConfiguration {

    @Bean
    RelayMetrics relayMetrics(
            RelaySettings settings, MeterRegistry registry, DataSource dataSource, ObjectProvider<Clock> clock) {
        return new RelayMetrics(registry, dataSource, settings.slotName(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean(destroyMethod = "destroy")
    OutboxRelay outboxRelay(RelaySettings settings, RelayMetrics metrics) {
        return new OutboxRelay(settings, metrics);
    }
}

package dev.deletionpipeline.api.relay;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the outbox cleanup when {@code deletion.relay.cleanup.enabled} is true (the default), also when Kafka Connect
 * runs the connector: the cleanup only reads the replication slot of {@code deletion.relay.slot-name}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "deletion.relay.cleanup", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RelaySettings.class)
class OutboxCleanupConfiguration {

    @Bean
    OutboxCleanup outboxCleanup(RelaySettings settings, DataSource dataSource, ObjectProvider<Clock> clock) {
        return new OutboxCleanup(
                dataSource, settings.slotName(), settings.cleanup(), clock.getIfAvailable(Clock::systemUTC));
    }
}

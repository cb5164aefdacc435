package dev.deletionpipeline.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The {@code kafkaListeners} health contributor of every service that consumes with Spring Kafka listeners, meant for
 * the liveness group: a listener container that stopped for good does not come back by itself, a restart does.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaListenerEndpointRegistry.class, HealthIndicator.class})
@ConditionalOnBean(KafkaListenerEndpointRegistry.class)
public class KafkaListenersHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kafkaListeners")
    HealthIndicator kafkaListeners(KafkaListenerEndpointRegistry registry) {
        return new KafkaListenersHealth(registry);
    }
}

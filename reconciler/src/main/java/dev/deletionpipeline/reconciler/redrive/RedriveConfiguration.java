package dev.deletionpipeline.reconciler.redrive;

import dev.deletionpipeline.common.events.RedriveRequested;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.reconciler.config.ReconcilerProperties;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Wires the listener of {@code deletion.redrive-requests.v1}: its own consumer (group {@code <application-id>-redrive},
 * committed records only, as the topology writes them in exactly-once transactions; from the earliest offset, so that
 * a new group misses no request). A request that cannot be read is logged and skipped (the topology's next deadline, or
 * the sweep, catches the deletion); one whose row cannot be written is retried every {@code retry-interval} without
 * end, since every request needs the same database and the ones behind it would fail alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentTopics.class)
class RedriveConfiguration {

    @Bean
    Topic<String, RedriveRequested> redriveRequestsTopic(DeploymentTopics topics) {
        return topics.of(Topics.REDRIVE_REQUESTS);
    }

    @Bean
    RedriveRequestListener redriveRequestListener(DataSource dataSource, ObjectProvider<Clock> clock) {
        return new RedriveRequestListener(
                new OutboxRedrive(JdbcClient.create(dataSource)), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, RedriveRequested> redriveRequestsListenerFactory(
            KafkaProperties kafka, ReconcilerProperties properties, RedriveSettings settings) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.applicationId() + "-redrive");
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "reconciler-redrive");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConcurrentKafkaListenerContainerFactory<String, RedriveRequested> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                consumer,
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(
                        Topics.REDRIVE_REQUESTS.valueSerde().deserializer())));
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(settings.retryInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }
}

package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka wiring of the command consumer: an {@link ErrorHandlingDeserializer} so that an unreadable record reaches
 * the error handler instead of blocking the partition, and a {@link DefaultErrorHandler} with a {@link
 * DeadLetterPublishingRecoverer} that sends what cannot be carried out to the dead-letter topic with the reason
 * headers. Its own consumer and producer factories, so that Boot's defaults stay untouched for anyone else.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentTopics.class)
class DeletionRequestsKafkaConfiguration {

    @Bean
    RequestTopics deletionRequestTopics(DeploymentTopics topics) {
        return new RequestTopics(topics.of(Topics.DELETION_REQUESTS), topics.of(Topics.DELETION_REQUESTS_DEAD_LETTERS));
    }

    @Bean
    DeadLetterProducer deletionRequestsDeadLetterProducer(KafkaProperties kafka) {
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = Map.of(
                byte[].class,
                new ByteArraySerializer(),
                DeletionRequested.class,
                Topics.DELETION_REQUESTS.valueSerde().serializer());
        return new DeadLetterProducer(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new DelegatingByTypeSerializer(byType)));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, DeletionRequested> deletionRequestsListenerFactory(
            KafkaProperties kafka, RequestTopics topics, DeadLetterProducer producer, RequestsSettings settings) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        // a new consumer group must not skip commands that were produced before it first started
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, DeletionRequested> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                consumer,
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(
                        Topics.DELETION_REQUESTS.valueSerde().deserializer())));
        factory.setCommonErrorHandler(errorHandler(topics, producer.template(), settings));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(
            RequestTopics topics, KafkaTemplate<String, Object> template, RequestsSettings settings) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template,
                (record, failure) -> new TopicPartition(topics.deadLetters().name(), -1));
        recoverer.setHeadersFunction(CommandDeadLetterHeaders::headersFor);
        // dlt_reason and dlt_detail say why; the stack trace (kilobytes per record) and the message (dlt_detail again)
        // would only make every dead letter heavier
        recoverer.excludeHeader(
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                recoverer, new FixedBackOff(settings.retryInterval().toMillis(), settings.retryAttempts()));
        handler.addNotRetryableExceptions(InvalidCommandException.class, UnauthorizedSourceException.class);
        return handler;
    }
}

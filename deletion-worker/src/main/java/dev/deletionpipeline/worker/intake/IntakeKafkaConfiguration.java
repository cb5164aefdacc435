package dev.deletionpipeline.worker.intake;

import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.json.LifecycleEventSerde;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.tasks.OwnedPartitions;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka wiring of the intake: a batch listener container whose values go through an {@code ErrorHandlingDeserializer},
 * and a {@code DefaultErrorHandler} that sends unreadable records straight to the dead-letter topic (a
 * {@code DeserializationException} is never retried) while retrying, without end, a batch that failed for another
 * reason, such as the database being down. Its rebalances keep {@link OwnedPartitions}, which divides the tasks among
 * the instances.
 */
@Configuration(proxyBeanMethods = false)
class IntakeKafkaConfiguration {

    /**
     * The contract's {@link LifecycleEventSerde} deserializer (dispatch on {@code ce_type}), keeping the raw bytes. Wrapped
     * in Spring Kafka's {@code ErrorHandlingDeserializer}, so a record it cannot read becomes a poison record for the
     * error handler instead of stopping the partition.
     */
    static final class RawKeepingLifecycleDeserializer implements Deserializer<ReceivedLifecycleEvent> {

        private final Deserializer<LifecycleEvent> contract = new LifecycleEventSerde().deserializer();

        @Override
        public ReceivedLifecycleEvent deserialize(String topic, byte[] data) {
            return deserialize(topic, null, data);
        }

        @Override
        public ReceivedLifecycleEvent deserialize(String topic, Headers headers, byte[] data) {
            LifecycleEvent event = contract.deserialize(topic, headers, data);
            return event == null ? null : new ReceivedLifecycleEvent(event, data);
        }
    }

    /** A lifecycle event together with the exact bytes it came as, which a dead letter must keep. */
    record ReceivedLifecycleEvent(LifecycleEvent event, byte[] raw) {}

    /** {@code deletion.worker.intake.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.intake")
    record IntakeSettings(
            @NotBlank String groupId,
            @Positive int concurrency,
            @Positive int maxPollRecords,
            @PositiveDuration Duration errorBackOffMax) {}

    @Bean
    ConsumerFactory<String, ReceivedLifecycleEvent> lifecycleConsumerFactory(
            KafkaProperties kafka, IntakeSettings settings) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return new DefaultKafkaConsumerFactory<>(
                config,
                new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new RawKeepingLifecycleDeserializer()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ReceivedLifecycleEvent> lifecycleListenerFactory(
            ConsumerFactory<String, ReceivedLifecycleEvent> lifecycleConsumerFactory,
            DefaultErrorHandler lifecycleErrorHandler,
            OwnedPartitions ownedPartitions,
            IntakeSettings settings) {
        ConcurrentKafkaListenerContainerFactory<String, ReceivedLifecycleEvent> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(lifecycleConsumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(settings.concurrency());
        factory.setCommonErrorHandler(lifecycleErrorHandler);
        factory.getContainerProperties().setConsumerRebalanceListener(ownedPartitions);
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    DefaultErrorHandler lifecycleErrorHandler(ConsumerRecordRecoverer poisonRecordRecoverer, IntakeSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(settings.errorBackOffMax().toMillis());
        return new DefaultErrorHandler(poisonRecordRecoverer, backOff);
    }
}

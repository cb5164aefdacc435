package dev.deletionpipeline.worker.intake;

import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.json.LifecycleEventSerde;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import dev.deletionpipeline.worker.tasks.OwnedPartitions;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.NewTask;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * Takes in {@code blocks.lifecycle.v1}: a {@code BlockSoftDeleted} becomes a task in {@code deletion_tasks} (due when
 * its grace period ends), a {@code BlockRestored} drops the waiting task (and a deletion restored whole gets its
 * receipt), a {@code BlockHoldReleased} makes the waiting task due at once (a {@code BlockHeld} needs nothing: the
 * claim itself refuses a held block). Nothing here waits: the offsets are committed as soon as the batch is in the
 * database, and the dispatchers do the rest.
 *
 * <p>Kafka wiring: a batch listener container whose values go through an {@code ErrorHandlingDeserializer}, and a
 * {@code DefaultErrorHandler} that sends unreadable records straight to the dead-letter topic (a
 * {@code DeserializationException} is never retried; the records before it are kept and the ones after it come again)
 * while retrying, without end, a batch that failed for another reason, such as the database being down. Its
 * rebalances keep {@link OwnedPartitions}, which divides the tasks among the instances.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleIntake {

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

    private static final LogAccessor LOG = new LogAccessor(LifecycleIntake.class);

    private final TaskStore tasks;
    private final TaskSignal signal;
    private final DeletionReceipts receipts;
    private final Clock clock;

    LifecycleIntake(TaskStore tasks, TaskSignal signal, DeletionReceipts receipts, Clock clock) {
        this.tasks = tasks;
        this.signal = signal;
        this.receipts = receipts;
        this.clock = clock;
    }

    /**
     * Values are read with the contract's {@link LifecycleEventSerde} (dispatch on {@code ce_type}), keeping the raw
     * bytes, inside Spring Kafka's {@code ErrorHandlingDeserializer}, so a record it cannot read becomes a poison
     * record for the error handler instead of stopping the partition.
     */
    @Bean
    static ConsumerFactory<String, ReceivedLifecycleEvent> lifecycleConsumerFactory(
            KafkaProperties kafka, IntakeSettings settings) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        Deserializer<LifecycleEvent> contract = new LifecycleEventSerde().deserializer();
        return new DefaultKafkaConsumerFactory<>(
                config, new StringDeserializer(), new ErrorHandlingDeserializer<>(new Deserializer<>() {
                    @Override
                    public ReceivedLifecycleEvent deserialize(String topic, byte[] data) {
                        return deserialize(topic, null, data);
                    }

                    @Override
                    public ReceivedLifecycleEvent deserialize(String topic, Headers headers, byte[] data) {
                        LifecycleEvent event = contract.deserialize(topic, headers, data);
                        return event == null ? null : new ReceivedLifecycleEvent(event, data);
                    }
                }));
    }

    /** Named as Spring Boot's default, which it replaces: the intake is the worker's only listener. */
    @Bean
    static ConcurrentKafkaListenerContainerFactory<String, ReceivedLifecycleEvent> kafkaListenerContainerFactory(
            ConsumerFactory<String, ReceivedLifecycleEvent> lifecycleConsumerFactory,
            ConsumerRecordRecoverer poisonRecoverer,
            OwnedPartitions ownedPartitions,
            IntakeSettings settings) {
        ConcurrentKafkaListenerContainerFactory<String, ReceivedLifecycleEvent> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(lifecycleConsumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(settings.concurrency());
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(settings.errorBackOffMax().toMillis());
        factory.setCommonErrorHandler(new DefaultErrorHandler(poisonRecoverer, backOff));
        factory.getContainerProperties().setConsumerRebalanceListener(ownedPartitions);
        return factory;
    }

    @KafkaListener(id = "lifecycle-intake", idIsGroup = false, topics = "#{@workerTopics.lifecycle()}")
    void onRecords(List<ConsumerRecord<String, ReceivedLifecycleEvent>> records) {
        List<NewTask> admitted = new ArrayList<>();
        Set<UUID> restoredDeletions = new HashSet<>();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, ReceivedLifecycleEvent> record = records.get(index);
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (unreadable != null) {
                admit(admitted);
                completeAfterRestore(restoredDeletions);
                throw new BatchListenerFailedException("Unreadable lifecycle record", unreadable, index);
            }
            if (record.value() == null) {
                continue;
            }
            LifecycleEvent event = record.value().event();
            if (event instanceof BlockSoftDeleted softDeleted) {
                admitted.add(new NewTask(
                        softDeleted, KeptRecord.of(record, record.value().raw(), null)));
            } else if (event instanceof BlockRestored restored) {
                admit(admitted);
                tasks.cancel(restored.blockId(), restored.deletionId());
                restoredDeletions.add(restored.deletionId());
            } else if (event instanceof BlockHoldReleased released) {
                admit(admitted);
                tasks.resume(released.blockId(), released.deletionId(), released.holdId(), clock.instant());
                signal.signal();
            }
        }
        admit(admitted);
        completeAfterRestore(restoredDeletions);
    }

    /** Most batches restore nothing: no transaction for them. */
    private void completeAfterRestore(Set<UUID> restoredDeletions) {
        if (!restoredDeletions.isEmpty()) {
            receipts.completeAfterRestore(restoredDeletions);
        }
    }

    private void admit(List<NewTask> admitted) {
        if (!admitted.isEmpty()) {
            tasks.admit(List.copyOf(admitted));
            admitted.clear();
            signal.signal();
        }
    }
}

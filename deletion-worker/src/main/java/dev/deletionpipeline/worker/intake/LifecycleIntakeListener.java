package dev.deletionpipeline.worker.intake;

import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.worker.intake.IntakeKafkaConfiguration.ReceivedLifecycleEvent;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.NewTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Takes in {@code blocks.lifecycle.v1}: a {@code BlockSoftDeleted} becomes a task in {@code deletion_tasks} (due when
 * its grace period ends), a {@code BlockRestored} drops the waiting task (and a deletion restored whole gets its
 * receipt), a {@code BlockHoldReleased} makes the waiting task due at once (a {@code BlockHeld} needs nothing: the
 * claim itself refuses a held block). Nothing here waits: the offsets are
 * committed as soon as the batch is in the database, and the dispatchers do the rest. An unreadable record is handed
 * to the error handler, which dead-letters it; the records before it are kept and the ones after it come again.
 */
@Component
class LifecycleIntakeListener {

    private static final LogAccessor LOG = new LogAccessor(LifecycleIntakeListener.class);

    private final TaskStore tasks;
    private final TaskSignal signal;
    private final DeletionReceipts receipts;
    private final Clock clock;

    LifecycleIntakeListener(TaskStore tasks, TaskSignal signal, DeletionReceipts receipts, Clock clock) {
        this.tasks = tasks;
        this.signal = signal;
        this.receipts = receipts;
        this.clock = clock;
    }

    @KafkaListener(
            id = "lifecycle-intake",
            idIsGroup = false,
            topics = "#{@workerTopics.lifecycle()}",
            containerFactory = "lifecycleListenerFactory")
    void onRecords(List<ConsumerRecord<String, ReceivedLifecycleEvent>> records) {
        List<NewTask> admitted = new ArrayList<>();
        Set<UUID> restoredDeletions = new HashSet<>();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, ReceivedLifecycleEvent> record = records.get(index);
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (unreadable != null) {
                admit(admitted);
                receipts.completeAfterRestore(restoredDeletions);
                throw new BatchListenerFailedException("Unreadable lifecycle record", unreadable, index);
            }
            if (record.value() == null) {
                continue;
            }
            LifecycleEvent event = record.value().event();
            if (event instanceof BlockSoftDeleted softDeleted) {
                admitted.add(new NewTask(softDeleted, kept(record)));
            } else if (event instanceof BlockRestored restored) {
                admit(admitted);
                tasks.cancel(restored.blockId(), restored.deletionId());
                restoredDeletions.add(restored.deletionId());
            } else if (event instanceof BlockHoldReleased released) {
                admit(admitted);
                tasks.resume(released.blockId(), released.deletionId(), clock.instant());
                signal.signal();
            }
        }
        admit(admitted);
        receipts.completeAfterRestore(restoredDeletions);
    }

    private void admit(List<NewTask> admitted) {
        if (!admitted.isEmpty()) {
            tasks.admit(List.copyOf(admitted));
            admitted.clear();
            signal.signal();
        }
    }

    private static KeptRecord kept(ConsumerRecord<String, ReceivedLifecycleEvent> record) {
        return new KeptRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value().raw(),
                KeptRecord.headersOf(record.headers(), null));
    }
}

package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.json.UnreadableRecordException;
import dev.deletionpipeline.common.topics.PoisonReason;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each block's deletion through lifecycle events, confirmations and the worker's dead letters (one instance per
 * partition, so per block), drops duplicates, checks deadlines on the wall clock, and sends what it cannot read to the
 * reconciler's dead-letter topic instead of stopping.
 *
 * <p>"Now" is the processor's wall clock ({@link ProcessorContext#currentSystemTimeMs()}), the same clock that drives
 * the punctuations, which {@code TopologyTestDriver} lets tests advance.
 */
final class DeletionTrackingProcessor implements Processor<String, InboundRecord, String, Outbound> {

    private static final Logger log = LoggerFactory.getLogger(DeletionTrackingProcessor.class);

    private final TrackingSettings settings;
    private final InboundDecoder decoder = new InboundDecoder();
    private final DeletionTransitions transitions;
    private final FinishedRetention retention;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, TrackedDeletion> deletions;
    private TransitionRecorder recorder;

    DeletionTrackingProcessor(TrackingSettings settings) {
        this.settings = settings;
        this.transitions = new DeletionTransitions(settings);
        this.retention = new FinishedRetention(settings.finishedRetention());
    }

    @Override
    public void init(ProcessorContext<String, Outbound> processorContext) {
        context = processorContext;
        deletions = context.getStateStore(TrackingStores.DELETIONS);
        recorder = new TransitionRecorder(context, settings);
        DeadlineCheck deadlineCheck = new DeadlineCheck(
                deletions,
                context.getStateStore(TrackingStores.DEADLINES),
                context.getStateStore(TrackingStores.QUOTA_WAITS),
                new DeadlineTransitions(settings),
                recorder);
        RetentionCheck retentionCheck =
                new RetentionCheck(deletions, context.getStateStore(TrackingStores.FINISHED), retention, recorder);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, timestamp -> {
            Instant now = Instant.ofEpochMilli(timestamp);
            deadlineCheck.expireDue(now);
            retentionCheck.forgetDue(now);
        });
    }

    @Override
    public void process(Record<String, InboundRecord> record) {
        if (record.value() == null || record.value().value() == null) {
            return; // a tombstone carries no event
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Inbound inbound;
        try {
            inbound = decoder.decode(record.key(), record.value(), record.headers(), sourceTopic());
        } catch (UnreadableRecordException e) {
            onUnreadable(record, e, now);
            return;
        }
        TrackedDeletion current = deletions.get(inbound.blockId().toString());
        if (current != null && current.hasSeen(inbound.dedupKey())) {
            log.debug("Duplicate {} for block {} ignored", inbound.dedupKey(), inbound.blockId());
            return;
        }
        if (current == null && retention.mayReplayForgotten(inbound, now)) {
            log.warn(
                    "{} for untracked block {} belongs to a deletion started at {}, longer ago than the finished "
                            + "retention: taken for a replay of a forgotten deletion and ignored",
                    inbound.getClass().getSimpleName(),
                    inbound.blockId(),
                    inbound.deletionStartedAt());
            return;
        }
        if (inbound instanceof Inbound.DeadLettered deadLetter) {
            countDeadLetter(record.key(), deadLetter.reason(), now);
        }
        Transition transition = transitions.apply(current, inbound, now);
        recorder.record(transition.remembering(inbound.dedupKey(), settings.seenEventIdsPerBlock()), now);
    }

    private void onUnreadable(Record<String, InboundRecord> record, UnreadableRecordException problem, Instant now) {
        String topic = sourceTopic();
        if (record.value().source() == InboundRecord.Source.DELETION_DEAD_LETTERS) {
            String workerReason = InboundDecoder.deadLetterReason(record.headers());
            countDeadLetter(record.key(), workerReason, now);
            // the worker's dead letter of a record it could not read names no deletion to follow
            if (PoisonReason.isPoison(workerReason)) {
                log.warn(
                        "Worker dead letter {} with key {} names no deletion; counted only",
                        workerReason,
                        record.key());
                return;
            }
        }
        log.warn(
                "Unreadable record with key {} on {} ({}: {}); sent to the reconciler's dead letters",
                record.key(),
                topic,
                problem.reason(),
                problem.getMessage());
        context.forward(OutboundRecords.deadLetter(record, problem, context.recordMetadata(), now));
    }

    private void countDeadLetter(String blockId, String reason, Instant now) {
        context.forward(OutboundRecords.fact(settings.summaryName(), OpsFact.deadLettered(blockId, reason, now)));
    }

    private String sourceTopic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    }
}

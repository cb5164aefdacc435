package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OrphanDetected;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a {@link Transition} real: stores the new state with its indexes and forwards what has to be published. One
 * place for it, because events and deadlines both cause transitions.
 */
final class TransitionRecorder {

    private static final Logger log = LoggerFactory.getLogger(TransitionRecorder.class);

    private final ProcessorContext<String, Outbound> context;
    private final KeyValueStore<String, TrackedDeletion> deletions;
    private final KeyValueStore<String, String> deadlines;
    private final KeyValueStore<String, OrphanDetected> openOrphans;
    private final KeyValueStore<String, String> finished;
    private final FinishedRetention retention;
    private final String summaryName;

    TransitionRecorder(ProcessorContext<String, Outbound> context, TrackingSettings settings) {
        this.context = context;
        this.deletions = context.getStateStore(TrackingStores.DELETIONS);
        this.deadlines = context.getStateStore(TrackingStores.DEADLINES);
        this.openOrphans = context.getStateStore(TrackingStores.OPEN_ORPHANS);
        this.finished = context.getStateStore(TrackingStores.FINISHED);
        this.retention = new FinishedRetention(settings.finishedRetention());
        this.summaryName = settings.summaryName();
    }

    void record(Transition transition, Instant now) {
        TrackedDeletion after = transition.after();
        String blockId = after.blockId().toString();
        deletions.put(blockId, after);
        reindex(deadlines, deadlineKey(transition.before()), deadlineKey(after), blockId);
        reindex(finished, retention.indexKey(transition.before()), retention.indexKey(after), blockId);
        trackOpenOrphan(transition, blockId);
        publish(transition, blockId, now);
    }

    /**
     * Forgets a finished deletion whose retention is over: its stores, a tombstone for its key on the compacted
     * status topic, and one deletion less in the ops summary's counts (which count what the stores hold).
     */
    void forget(TrackedDeletion deletion, Instant now) {
        String blockId = deletion.blockId().toString();
        deletions.delete(blockId);
        reindex(finished, retention.indexKey(deletion), null, blockId);
        log.debug("Finished deletion {} of block {} forgotten", deletion.deletionId(), blockId);
        context.forward(new Record<>(blockId, new Outbound.StatusForgotten(), now.toEpochMilli()));
        context.forward(OutboundRecords.fact(summaryName, OpsFact.forgotten(blockId, deletion.state(), now)));
    }

    private static void reindex(KeyValueStore<String, String> index, String previous, String next, String blockId) {
        if (Objects.equals(previous, next)) {
            return;
        }
        if (previous != null) {
            index.delete(previous);
        }
        if (next != null) {
            index.put(next, blockId);
        }
    }

    static String deadlineKey(TrackedDeletion deletion) {
        return deletion != null && deletion.awaitsConfirmation() && deletion.deadlineAt() != null
                ? TimeKeys.of(deletion.deadlineAt(), deletion.blockId())
                : null;
    }

    private void trackOpenOrphan(Transition transition, String blockId) {
        if (transition.after().openOrphan()) {
            if (transition.orphan() != null) {
                openOrphans.put(blockId, transition.orphan());
            }
        } else if (transition.before() != null && transition.before().openOrphan()) {
            openOrphans.delete(blockId);
        }
    }

    private void publish(Transition transition, String blockId, Instant now) {
        transition
                .changedStatus()
                .ifPresent(status -> context.forward(
                        OutboundRecords.event(blockId, status, new Outbound.StatusChanged(status), now)));
        OrphanDetected orphan = transition.orphan();
        if (orphan != null) {
            log.warn(
                    "Orphan {} ({}): block {} of deletion {}: {}",
                    orphan.type(),
                    orphan.action(),
                    orphan.blockId(),
                    orphan.deletionId(),
                    orphan.reason());
            context.forward(OutboundRecords.event(blockId, orphan, new Outbound.OrphanReported(orphan), now));
        }
        if (transition.redrive() != null) {
            context.forward(OutboundRecords.event(
                    blockId, transition.redrive(), new Outbound.RedriveAsked(transition.redrive()), now));
        }
        OpsFact fact = OpsFact.of(transition, now);
        if (fact != null) {
            context.forward(OutboundRecords.fact(summaryName, fact));
        }
        for (RequestBlockFact requestFact : RequestBlockFact.of(transition, now)) {
            context.forward(new Record<>(
                    requestFact.deletionId().toString(),
                    new Outbound.RequestBlockChanged(requestFact),
                    now.toEpochMilli()));
        }
    }
}

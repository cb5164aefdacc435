package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OpsSummary;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global counts, the pending index and the latency samples from the {@link OpsFact}s of every partition (it
 * reads a one-partition topic, so there is one instance), and publishes an {@link OpsSummary} on the wall clock.
 */
final class OpsSummaryProcessor implements Processor<String, OpsFact, String, OpsSummary> {

    private final TrackingSettings settings;
    private ProcessorContext<String, OpsSummary> context;
    private KeyValueStore<String, Long> counters;
    private KeyValueStore<String, String> pending;
    private LatencySamples latencies;
    private OpsSummaryCalculator calculator;

    OpsSummaryProcessor(TrackingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, OpsSummary> processorContext) {
        context = processorContext;
        counters = context.getStateStore(TrackingStores.OPS_COUNTERS);
        pending = context.getStateStore(TrackingStores.PENDING);
        KeyValueStore<String, Long> samples = context.getStateStore(TrackingStores.LATENCIES);
        latencies = new LatencySamples(samples, counters, settings.maxLatencySamples());
        calculator = new OpsSummaryCalculator(
                settings, counters, pending, samples, context.getStateStore(TrackingStores.QUOTA_WAITS));
        context.schedule(
                settings.summaryInterval(),
                PunctuationType.WALL_CLOCK_TIME,
                timestamp -> publish(Instant.ofEpochMilli(timestamp)));
    }

    @Override
    public void process(Record<String, OpsFact> record) {
        OpsFact fact = record.value();
        if (fact == null) {
            return;
        }
        if (fact.fromState() != null) {
            OpsCounters.add(counters, OpsCounters.stateKey(fact.fromState()), -1);
        }
        if (fact.toState() != null) {
            OpsCounters.add(counters, OpsCounters.stateKey(fact.toState()), 1);
        }
        if (fact.deadlineBefore() != null) {
            OpsCounters.add(counters, OpsCounters.deadlineKey(fact.deadlineBefore()), -1);
        }
        if (fact.deadlineAfter() != null) {
            OpsCounters.add(counters, OpsCounters.deadlineKey(fact.deadlineAfter()), 1);
        }
        if (fact.deadLetterReason() != null) {
            OpsCounters.add(counters, OpsCounters.deadLetterKey(fact.deadLetterReason()), 1);
        }
        if (fact.alreadyGone()) {
            OpsCounters.alreadyGone(counters, fact.at());
        }
        if (fact.latencyMs() != null) {
            latencies.add(fact.at(), fact.blockId(), fact.latencyMs());
        }
        reindexPending(fact);
    }

    private void reindexPending(OpsFact fact) {
        if (Objects.equals(fact.pendingSinceBefore(), fact.pendingSinceAfter())) {
            return;
        }
        if (fact.pendingSinceBefore() != null) {
            pending.delete(TimeKeys.of(fact.pendingSinceBefore(), fact.blockId()));
        }
        if (fact.pendingSinceAfter() != null) {
            pending.put(TimeKeys.of(fact.pendingSinceAfter(), fact.blockId()), fact.blockId());
        }
    }

    private void publish(Instant now) {
        latencies.forgetBefore(now.minus(settings.latencyWindow()));
        OpsCounters.forgetAlreadyGoneBefore(counters, now.minus(settings.latencyWindow()));
        OpsSummary summary = calculator.summarize(now);
        context.forward(OutboundRecords.event(settings.summaryName(), summary, summary, now));
    }
}

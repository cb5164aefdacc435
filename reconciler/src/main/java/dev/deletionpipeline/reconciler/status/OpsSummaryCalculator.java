package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Computes the {@link OpsSummary} from the summary stores: for the periodic publication and for the REST query alike.
 */
final class OpsSummaryCalculator {

    private final TrackingSettings settings;
    private final ReadOnlyKeyValueStore<String, Long> counters;
    private final ReadOnlyKeyValueStore<String, String> pending;
    private final ReadOnlyKeyValueStore<String, Long> latencies;
    private final ReadOnlyKeyValueStore<String, QuotaWaitEstimated> quotaWaits;

    OpsSummaryCalculator(
            TrackingSettings settings,
            ReadOnlyKeyValueStore<String, Long> counters,
            ReadOnlyKeyValueStore<String, String> pending,
            ReadOnlyKeyValueStore<String, Long> latencies,
            ReadOnlyKeyValueStore<String, QuotaWaitEstimated> quotaWaits) {
        this.settings = settings;
        this.counters = counters;
        this.pending = pending;
        this.latencies = latencies;
        this.quotaWaits = quotaWaits;
    }

    OpsSummary summarize(Instant now) {
        QuotaWaitTotals waiting = quotaWaitsAfter(now);
        return new OpsSummary(
                settings.summaryName(),
                now,
                OpsCounters.countsByState(counters),
                OpsCounters.deadLettersByReason(counters),
                oldestPendingAgeMs(now),
                LatencySamples.percentiles(latencies, now.minus(settings.latencyWindow()), now),
                settings.latencyWindow().toSeconds(),
                OpsCounters.alreadyGoneBetween(counters, now.minus(settings.latencyWindow()), now),
                OpsCounters.valueOf(counters, OpsCounters.deadlineKey(OrphanType.DEADLINE_AT_RISK)),
                OpsCounters.valueOf(counters, OpsCounters.deadlineKey(OrphanType.DEADLINE_MISSED)),
                waiting.deletions(),
                waiting.blocks(),
                waiting.doneBy());
    }

    private record QuotaWaitTotals(long deletions, long blocks, Instant doneBy) {}

    /**
     * The worker's estimates whose finish is still ahead. The store holds only deletions waiting now (a tombstone
     * removes each when its wait is over), so reading all of it stays small.
     */
    private QuotaWaitTotals quotaWaitsAfter(Instant now) {
        long deletions = 0;
        long blocks = 0;
        Instant doneBy = null;
        try (KeyValueIterator<String, QuotaWaitEstimated> entries = quotaWaits.all()) {
            while (entries.hasNext()) {
                QuotaWaitEstimated wait = entries.next().value;
                if (wait.estimatedFinish().isAfter(now)) {
                    deletions++;
                    blocks += wait.blocksWaiting();
                    doneBy = doneBy == null || wait.estimatedFinish().isAfter(doneBy) ? wait.estimatedFinish() : doneBy;
                }
            }
        }
        return new QuotaWaitTotals(deletions, blocks, doneBy);
    }

    /** The pending index sorts by the time a deletion became pending, so its first entry is the oldest. */
    private long oldestPendingAgeMs(Instant now) {
        try (KeyValueIterator<String, String> entries = pending.all()) {
            if (!entries.hasNext()) {
                return 0;
            }
            Instant oldest = TimeKeys.timeOf(entries.next().key);
            return Math.max(0, Duration.between(oldest, now).toMillis());
        }
    }
}

package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.LatencyPercentiles;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The recent soft delete → confirmation latencies, bounded twice: samples older than the window are forgotten at
 * every summary, and beyond {@code maxSamples} the oldest goes when a new one comes.
 */
final class LatencySamples {

    /** How many of the oldest keys one scan reads ahead for {@link #forgetOldest}. */
    static final int READ_AHEAD = 1000;

    private final KeyValueStore<String, Long> samples;
    private final KeyValueStore<String, Long> counters;
    private final int maxSamples;
    // the store's oldest keys in order, read ahead: a scan from the start per sample copied the whole cached key set of
    // the store (Kafka Streams' cache iterator) and walked RocksDB's tombstones of the samples already forgotten
    private final ArrayDeque<String> oldest = new ArrayDeque<>();

    LatencySamples(KeyValueStore<String, Long> samples, KeyValueStore<String, Long> counters, int maxSamples) {
        this.samples = samples;
        this.counters = counters;
        this.maxSamples = maxSamples;
    }

    void add(Instant at, String id, long latencyMs) {
        String key = TimeKeys.of(at, id);
        if (!oldest.isEmpty() && key.compareTo(oldest.peekLast()) < 0) {
            oldest.clear(); // it belongs among the keys read ahead: read again
        }
        if (samples.get(key) == null) {
            OpsCounters.add(counters, OpsCounters.LATENCY_SAMPLES, 1);
        }
        samples.put(key, latencyMs);
        while (OpsCounters.valueOf(counters, OpsCounters.LATENCY_SAMPLES) > maxSamples) {
            forgetOldest();
        }
    }

    void forgetBefore(Instant cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = samples.range(TimeKeys.FIRST, TimeKeys.before(cutoff))) {
            entries.forEachRemaining(entry -> old.add(entry.key));
        }
        old.forEach(samples::delete);
        OpsCounters.add(counters, OpsCounters.LATENCY_SAMPLES, -old.size());
        oldest.clear();
    }

    private void forgetOldest() {
        if (oldest.isEmpty()) {
            try (KeyValueIterator<String, Long> entries = samples.all()) {
                while (entries.hasNext() && oldest.size() < READ_AHEAD) {
                    oldest.add(entries.next().key);
                }
            }
        }
        String key = oldest.poll();
        if (key != null) {
            samples.delete(key);
        }
        OpsCounters.add(counters, OpsCounters.LATENCY_SAMPLES, -1);
    }

    /** Nearest-rank percentiles of the samples taken from {@code from} through {@code to}. */
    static LatencyPercentiles percentiles(ReadOnlyKeyValueStore<String, Long> samples, Instant from, Instant to) {
        List<Long> values = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = samples.range(TimeKeys.before(from), TimeKeys.through(to))) {
            entries.forEachRemaining(entry -> values.add(entry.value));
        }
        return percentiles(values.stream().mapToLong(Long::longValue).toArray());
    }

    static LatencyPercentiles percentiles(long[] values) {
        if (values.length == 0) {
            return LatencyPercentiles.NONE;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new LatencyPercentiles(
                nearestRank(sorted, 50), nearestRank(sorted, 95), nearestRank(sorted, 99), sorted.length);
    }

    private static long nearestRank(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.OrphanType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The named counters of the {@link TrackingStores#OPS_COUNTERS} store, kept up to date fact by fact: deletions by
 * state, dead letters by reason, latency samples, and already-gone confirmations per second (forgotten once they leave
 * the window).
 */
final class OpsCounters {

    static final String LATENCY_SAMPLES = "latency-samples";
    private static final String STATE = "state|";
    private static final String DEAD_LETTER = "dead-letter|";
    private static final String DEADLINE = "deadline|";
    // one counter per second that saw already-gone confirmations: <prefix><time key of the second>
    private static final String ALREADY_GONE = "already-gone|";
    private static final String BUCKET = "s";

    private OpsCounters() {}

    static String stateKey(DeletionState state) {
        return STATE + state.name();
    }

    /** Deletion requests now in the deadline class {@code type} ({@code DEADLINE_AT_RISK} or {@code DEADLINE_MISSED}). */
    static String deadlineKey(OrphanType type) {
        return DEADLINE + type.name();
    }

    static String deadLetterKey(String reason) {
        return DEAD_LETTER + reason;
    }

    static void alreadyGone(KeyValueStore<String, Long> counters, Instant at) {
        add(counters, ALREADY_GONE + TimeKeys.of(at.truncatedTo(ChronoUnit.SECONDS), BUCKET), 1);
    }

    /** Already-gone confirmations seen from {@code from} through {@code to}. */
    static long alreadyGoneBetween(ReadOnlyKeyValueStore<String, Long> counters, Instant from, Instant to) {
        long sum = 0;
        try (KeyValueIterator<String, Long> buckets = counters.range(
                ALREADY_GONE + TimeKeys.before(from.truncatedTo(ChronoUnit.SECONDS)),
                ALREADY_GONE + TimeKeys.through(to))) {
            while (buckets.hasNext()) {
                sum += buckets.next().value;
            }
        }
        return sum;
    }

    static void forgetAlreadyGoneBefore(KeyValueStore<String, Long> counters, Instant cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> buckets = counters.range(
                ALREADY_GONE + TimeKeys.FIRST,
                ALREADY_GONE + TimeKeys.before(cutoff.truncatedTo(ChronoUnit.SECONDS)))) {
            buckets.forEachRemaining(bucket -> old.add(bucket.key));
        }
        old.forEach(counters::delete);
    }

    static void add(KeyValueStore<String, Long> counters, String key, long delta) {
        long value = valueOf(counters, key) + delta;
        if (value == 0) {
            counters.delete(key);
        } else {
            counters.put(key, value);
        }
    }

    static long valueOf(ReadOnlyKeyValueStore<String, Long> counters, String key) {
        Long value = counters.get(key);
        return value == null ? 0 : value;
    }

    /** Every state, those with no deletion as zero. */
    static Map<DeletionState, Long> countsByState(ReadOnlyKeyValueStore<String, Long> counters) {
        Map<DeletionState, Long> counts = new EnumMap<>(DeletionState.class);
        for (DeletionState state : DeletionState.values()) {
            counts.put(state, valueOf(counters, stateKey(state)));
        }
        return counts;
    }

    static Map<String, Long> deadLettersByReason(ReadOnlyKeyValueStore<String, Long> counters) {
        Map<String, Long> byReason = new TreeMap<>();
        try (KeyValueIterator<String, Long> entries = counters.prefixScan(DEAD_LETTER, new StringSerializer())) {
            entries.forEachRemaining(entry -> byReason.put(entry.key.substring(DEAD_LETTER.length()), entry.value));
        }
        return byReason;
    }
}

package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.LatencyPercentiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    /** However the samples arrive (mostly in time order, some late), the newest stay and the oldest go, one by one. */
    @Test
    void beyondTheLimitTheOldestSampleGoesWhateverOrderTheyCameIn() {
        KeyValueStore<String, Long> samples = store("samples");
        KeyValueStore<String, Long> counters = store("counters");
        int max = 50;
        LatencySamples latencies = new LatencySamples(samples, counters, max);
        TreeMap<String, Long> expected = new TreeMap<>();
        Random random = new Random(15);
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        for (int i = 0; i < 5 * LatencySamples.READ_AHEAD; i++) {
            // every tenth sample is late, some by more than the samples kept
            Instant at = start.plusMillis(i % 10 == 0 ? i - random.nextInt(200) : i);
            latencies.add(at, "block-" + i, i);
            expected.put(TimeKeys.of(at, "block-" + i), (long) i);
            while (expected.size() > max) {
                expected.pollFirstEntry();
            }
            if (i == 2 * LatencySamples.READ_AHEAD) {
                latencies.forgetBefore(start.plusMillis(i - 20));
                expected.headMap(TimeKeys.before(start.plusMillis(i - 20))).clear();
            }

            assertThat(contents(samples)).as("after sample %d", i).isEqualTo(expected);
        }
        assertThat(OpsCounters.valueOf(counters, OpsCounters.LATENCY_SAMPLES)).isEqualTo(expected.size());
    }

    private static KeyValueStore<String, Long> store(String name) {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static TreeMap<String, Long> contents(KeyValueStore<String, Long> store) {
        List<KeyValue<String, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = store.all()) {
            entries.forEachRemaining(all::add);
        }
        TreeMap<String, Long> contents = new TreeMap<>();
        all.forEach(entry -> contents.put(entry.key, entry.value));
        return contents;
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] samples = {500, 100, 400, 200, 300};

        assertThat(LatencySamples.percentiles(samples)).isEqualTo(new LatencyPercentiles(300, 500, 500, 5));
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertThat(LatencySamples.percentiles(new long[] {42})).isEqualTo(new LatencyPercentiles(42, 42, 42, 1));
    }

    @Test
    void noSamplesReportZeros() {
        assertThat(LatencySamples.percentiles(new long[0])).isEqualTo(LatencyPercentiles.NONE);
    }
}

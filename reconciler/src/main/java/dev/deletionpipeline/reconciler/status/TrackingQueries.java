package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only answers from the tracking topology's stores (interactive queries): one block's status, the current ops
 * summary, the open orphans. The stores come through a {@link StoreLookup}, so the same queries run against a running
 * {@code KafkaStreams} and against a {@code TopologyTestDriver}.
 */
public final class TrackingQueries {

    /** Finds a key-value store of the topology by name, e.g. {@code KafkaStreams#store} or the test driver's. */
    public interface StoreLookup {
        <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name);

        /**
         * The part of a store keyed by strings that holds {@code key}: unlike the whole store, which leaves out a
         * partition whose task is still being restored here, it says when that part cannot be read yet. By default the
         * whole store (a test driver's has one partition).
         */
        default <V> ReadOnlyKeyValueStore<String, V> keyValueStoreHolding(String name, String key) {
            return keyValueStore(name);
        }

        /**
         * Every partition of a store keyed by strings that this instance is assigned, each on its own: unlike the whole
         * store, which reads without a partition whose task is still being restored here (a list would come out short
         * and look complete), it says when one of them cannot be read yet. By default the whole store as one part.
         */
        default <V> List<ReadOnlyKeyValueStore<String, V>> keyValueStoreParts(String name) {
            return List.of(keyValueStore(name));
        }
    }

    private final StoreLookup stores;
    private final TrackingSettings settings;

    public TrackingQueries(StoreLookup stores, TrackingSettings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    /** The key of the ops summary in its store and on {@code deletion.ops.v1}. */
    public String summaryName() {
        return settings.summaryName();
    }

    /** Empty when the block's deletion is unknown, or only known from a restore that has not told its soft delete. */
    public Optional<DeletionStatus> status(UUID blockId) {
        String key = blockId.toString();
        ReadOnlyKeyValueStore<String, TrackedDeletion> deletions =
                stores.keyValueStoreHolding(TrackingStores.DELETIONS, key);
        return Optional.ofNullable(deletions.get(key)).flatMap(TrackedDeletion::status);
    }

    /** The summary as it would be published at {@code now}. */
    public OpsSummary summary(Instant now) {
        return new OpsSummaryCalculator(
                        settings,
                        stores.keyValueStore(TrackingStores.OPS_COUNTERS),
                        stores.keyValueStore(TrackingStores.PENDING),
                        stores.keyValueStore(TrackingStores.LATENCIES),
                        stores.keyValueStore(TrackingStores.QUOTA_WAITS))
                .summarize(now);
    }

    /** The orphan reports of deletions that are ORPHANED or FAILED now, at most {@code limit} of them. */
    public List<OrphanDetected> openOrphans(int limit) {
        List<ReadOnlyKeyValueStore<String, OrphanDetected>> parts =
                stores.keyValueStoreParts(TrackingStores.OPEN_ORPHANS);
        List<OrphanDetected> open = new ArrayList<>();
        for (ReadOnlyKeyValueStore<String, OrphanDetected> part : parts) {
            try (KeyValueIterator<String, OrphanDetected> entries = part.all()) {
                while (entries.hasNext() && open.size() < limit) {
                    open.add(entries.next().value);
                }
            }
        }
        return open;
    }
}

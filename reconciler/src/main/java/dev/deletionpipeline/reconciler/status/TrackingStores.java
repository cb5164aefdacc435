package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.json.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The persistent state stores of the deletion-tracking topology (RocksDB, backed by changelog topics). Their names are
 * public for interactive queries; {@link TrackingQueries} reads them.
 */
public final class TrackingStores {

    /** Block id → {@link TrackedDeletion}: the current deletion of each block. Partitioned like the input. */
    public static final String DELETIONS = "deletion-tracking";
    /** Time key of a SOFT_DELETED deletion's deadline → block id. */
    public static final String DEADLINES = "deletion-deadlines";
    /** Time key of when a CONFIRMED or RESTORED deletion is to be forgotten → block id (see FinishedRetention). */
    public static final String FINISHED = "deletion-finished";
    /** Block id → the {@link OrphanDetected} of each deletion that is ORPHANED or FAILED now. */
    public static final String OPEN_ORPHANS = "deletion-open-orphans";
    /** Deletion id → {@link TrackedRequest}: each deletion request's dueBy, pending count and deadline class. */
    public static final String REQUESTS = "deletion-requests";
    /** {@code <deletion id>|<block id>} → block id, for each block that keeps its deletion request unfinished. */
    public static final String REQUEST_BLOCKS = "deletion-request-blocks";
    /** Time key of when a deletion request's deadline class may next change (or it is to be forgotten) → its id. */
    public static final String REQUEST_CHECKS = "deletion-request-checks";
    /**
     * Deletion id → the worker's latest {@code QuotaWaitEstimated} of a deletion waiting for its owner's quota. A
     * global store: every instance holds all of it (see {@link QuotaWaits}).
     */
    public static final String QUOTA_WAITS = "deletion-quota-waits";
    /** Counter name → count (deletions by state, dead letters by reason, deadline classes, latency samples). One global task. */
    public static final String OPS_COUNTERS = "deletion-ops-counters";
    /** Time key of when a deletion became pending → block id, oldest first. One global task. */
    public static final String PENDING = "deletion-pending";
    /** Time key of a confirmation → its soft delete → confirm latency in ms. One global task. */
    public static final String LATENCIES = "deletion-confirm-latencies";

    static final Serde<TrackedDeletion> TRACKED_DELETION = InternalSerdes.trackedDeletion(InternalFormat.BINARY);
    static final Serde<OrphanDetected> ORPHAN = new JsonSerde<>(OrphanDetected.class);
    static final Serde<TrackedRequest> TRACKED_REQUEST = new JsonSerde<>(TrackedRequest.class);

    /** The stores the per-partition tracking processor uses. */
    static final String[] TRACKING = {DELETIONS, DEADLINES, OPEN_ORPHANS, FINISHED};
    /** The stores the per-request deadline processor uses. */
    static final String[] REQUEST_DEADLINES = {REQUESTS, REQUEST_BLOCKS, REQUEST_CHECKS};
    /** The stores the global summary processor uses. */
    static final String[] SUMMARY = {OPS_COUNTERS, PENDING, LATENCIES};

    private TrackingStores() {}

    static void addTo(StreamsBuilder builder, InternalFormat format) {
        add(builder, DELETIONS, InternalSerdes.trackedDeletion(format));
        add(builder, DEADLINES, Serdes.String());
        add(builder, OPEN_ORPHANS, ORPHAN);
        add(builder, FINISHED, Serdes.String());
        add(builder, REQUESTS, TRACKED_REQUEST);
        add(builder, REQUEST_BLOCKS, Serdes.String());
        add(builder, REQUEST_CHECKS, Serdes.String());
        add(builder, OPS_COUNTERS, Serdes.Long());
        add(builder, PENDING, Serdes.String());
        add(builder, LATENCIES, Serdes.Long());
    }

    /** Cached: writes to the same key between two commits reach RocksDB and the changelog once (README, Throughput). */
    private static <V> void add(StreamsBuilder builder, String name, Serde<V> valueSerde) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                        .withCachingEnabled());
    }
}

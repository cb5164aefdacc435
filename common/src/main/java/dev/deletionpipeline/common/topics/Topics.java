package dev.deletionpipeline.common.topics;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import dev.deletionpipeline.common.events.RedriveRequested;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.json.LifecycleEventSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the contract, defined once. Keys are block ids unless a topic says otherwise. */
public final class Topics {

    /**
     * The largest outbox payload, in bytes of its JSON text, that the {@code outbox} table accepts (constraint
     * {@code outbox_payload_fits_one_kafka_record}, migration V16): every event relayed through the outbox must fit one
     * Kafka record, or the relay stops on it and with it every event behind it. Writers of large events keep below it.
     */
    public static final int OUTBOX_PAYLOAD_MAX_BYTES = 900_000;

    /** {@code BlockSoftDeleted} and {@code BlockRestored}, from the outbox via Debezium; the ce_type header tells which. */
    public static final Topic<String, LifecycleEvent> BLOCKS_LIFECYCLE =
            new Topic<>("blocks.lifecycle.v1", Serdes.String(), new LifecycleEventSerde());

    public static final Topic<String, HardDeleteConfirmed> HARD_DELETE_CONFIRMED =
            new Topic<>("blocks.hard-delete-confirmed.v1", Serdes.String(), new JsonSerde<>(HardDeleteConfirmed.class));

    /**
     * Deletions the worker gave up on: the original key, value and headers, plus the {@code dlt_*} reason headers of
     * {@link DeadLetterHeaders}. Raw bytes, because a poison record is kept exactly as it came.
     */
    public static final Topic<String, byte[]> DELETION_DEAD_LETTERS =
            new Topic<>("blocks.deletion-dead-letters.v1", Serdes.String(), Serdes.ByteArray());

    /** Commands from other services; key = owner id. */
    public static final Topic<String, DeletionRequested> DELETION_REQUESTS =
            new Topic<>("deletion.requests.v1", Serdes.String(), new JsonSerde<>(DeletionRequested.class));

    /** Commands that could not be read or were invalid, kept as they came, with the reason headers. */
    public static final Topic<String, byte[]> DELETION_REQUESTS_DEAD_LETTERS =
            new Topic<>("deletion.requests-dead-letters.v1", Serdes.String(), Serdes.ByteArray());

    public static final Topic<String, OrphanDetected> DELETION_ORPHANS =
            new Topic<>("deletion.orphans.v1", Serdes.String(), new JsonSerde<>(OrphanDetected.class));

    /**
     * The reconciler's requests to re-drive a deletion that missed its deadline; the reconciler itself turns each into
     * an {@code outbox} row, so that the re-drive reaches {@link #BLOCKS_LIFECYCLE} through Debezium like every
     * lifecycle event.
     */
    public static final Topic<String, RedriveRequested> REDRIVE_REQUESTS =
            new Topic<>("deletion.redrive-requests.v1", Serdes.String(), new JsonSerde<>(RedriveRequested.class));

    /**
     * Compacted, key = deletion id: the worker's latest estimate of when a deletion waiting for its owner's Google quota
     * will be done, and a tombstone once it waits no more. Advisory; the reconciler counts deadlines from it.
     */
    public static final Topic<String, QuotaWaitEstimated> QUOTA_WAITS =
            new Topic<>("deletion.quota-waits.v1", Serdes.String(), new JsonSerde<>(QuotaWaitEstimated.class));

    /** Compacted: the latest state of each block's deletion. */
    public static final Topic<String, DeletionStatus> DELETION_STATUS =
            new Topic<>("deletion.status.v1", Serdes.String(), new JsonSerde<>(DeletionStatus.class));

    /** Key = summary name. */
    public static final Topic<String, OpsSummary> DELETION_OPS =
            new Topic<>("deletion.ops.v1", Serdes.String(), new JsonSerde<>(OpsSummary.class));

    /** One receipt per finished deletion request, from the outbox via Debezium; key = deletion id. */
    public static final Topic<String, DeletionCompleted> DELETION_RECEIPTS =
            new Topic<>("deletion.receipts.v1", Serdes.String(), new JsonSerde<>(DeletionCompleted.class));

    /** Records the reconciler could not read, kept as they came, with the reason headers. */
    public static final Topic<String, byte[]> RECONCILER_DEAD_LETTERS =
            new Topic<>("deletion.reconciler-dead-letters.v1", Serdes.String(), Serdes.ByteArray());

    /** Topics whose latest value per key is all that matters. */
    public static final List<Topic<?, ?>> COMPACTED = List.of(DELETION_STATUS, QUOTA_WAITS);

    public static final List<Topic<?, ?>> ALL = List.of(
            BLOCKS_LIFECYCLE,
            HARD_DELETE_CONFIRMED,
            DELETION_DEAD_LETTERS,
            DELETION_REQUESTS,
            DELETION_REQUESTS_DEAD_LETTERS,
            DELETION_ORPHANS,
            REDRIVE_REQUESTS,
            QUOTA_WAITS,
            DELETION_STATUS,
            DELETION_OPS,
            RECONCILER_DEAD_LETTERS,
            DELETION_RECEIPTS);

    private Topics() {}
}

package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's latest {@link QuotaWaitEstimated} of every deletion that waits for its owner's Google quota, as a
 * global store ({@link TrackingStores#QUOTA_WAITS}, key = deletion id) read from {@code deletion.quota-waits.v1}.
 * Global, because a deletion's blocks are spread over every partition, while the estimate is one per deletion: each
 * partition's deadline check and the summary read it where they run. A tombstone removes the deletion; a record that
 * cannot be read is skipped with a warning (an estimate is advisory, so missing one only keeps today's deadline).
 */
final class QuotaWaits implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(QuotaWaits.class);
    private static final Deserializer<QuotaWaitEstimated> ESTIMATE =
            Topics.QUOTA_WAITS.valueSerde().deserializer();

    private KeyValueStore<String, QuotaWaitEstimated> waits;

    static void addTo(StreamsBuilder builder, String prefix) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(TrackingStores.QUOTA_WAITS),
                                Serdes.String(),
                                new JsonSerde<>(QuotaWaitEstimated.class))
                        .withLoggingDisabled(),
                Topics.QUOTA_WAITS.withPrefix(prefix).name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + Topics.QUOTA_WAITS.name()),
                QuotaWaits::new);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        waits = context.getStateStore(TrackingStores.QUOTA_WAITS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            waits.delete(record.key());
            return;
        }
        QuotaWaitEstimated estimate;
        try {
            estimate = ESTIMATE.deserialize(Topics.QUOTA_WAITS.name(), record.headers(), record.value());
        } catch (RuntimeException e) {
            log.warn("Unreadable quota wait estimate for deletion {} skipped: {}", record.key(), e.getMessage());
            return;
        }
        if (estimate != null && estimate.deletionId().toString().equals(record.key())) {
            waits.put(record.key(), estimate);
        }
    }
}

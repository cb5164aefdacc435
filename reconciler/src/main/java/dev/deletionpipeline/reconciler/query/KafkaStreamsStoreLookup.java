package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.reconciler.status.TrackingQueries;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Finds the tracking stores in this instance's running {@code KafkaStreams}: the stores of the partitions whose active
 * tasks this instance runs. What lives elsewhere is found by {@link QueryRouting} and asked for by {@link PeerClient}.
 */
final class KafkaStreamsStoreLookup implements TrackingQueries.StoreLookup {

    private static final StringSerializer KEYS = new StringSerializer();

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsStoreLookup(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /** @throws InvalidStateStoreException while Kafka Streams is starting, rebalancing or stopped */
    @Override
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        return running().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /**
     * Only the partition that holds the key. After a rebalance this instance may already be named the key's host while
     * that partition's task is still being restored here: the whole store then reads without it (the key would look
     * unknown, a false 404), the partition's store throws {@link InvalidStateStoreException} (a 503 to try again).
     */
    @Override
    public <V> ReadOnlyKeyValueStore<String, V> keyValueStoreHolding(String name, String key) {
        KafkaStreams running = running();
        KeyQueryMetadata metadata = running.queryMetadataForKey(name, key, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new InvalidStateStoreException("No partition of " + name + " is known for this key yet");
        }
        return running.store(StoreQueryParameters.<ReadOnlyKeyValueStore<String, V>>fromNameAndType(
                        name, QueryableStoreTypes.keyValueStore())
                .withPartition(metadata.partition()));
    }

    private KafkaStreams running() {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started");
        }
        return running;
    }
}

package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.reconciler.status.TrackingQueries;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Finds the tracking stores in this instance's running {@code KafkaStreams}.
 *
 * <p>Single instance only: each instance sees the stores of the partitions it owns. With several instances, each would
 * set {@code application.server} to its own host:port, find the owner of a block with
 * {@code KafkaStreams#queryMetadataForKey(store, blockId, serializer)} and forward the request there; the summary lives
 * with the one task of the ops-facts topic, and the open orphans would be gathered from every instance
 * ({@code KafkaStreams#streamsMetadataForStore}).
 */
final class KafkaStreamsStoreLookup implements TrackingQueries.StoreLookup {

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsStoreLookup(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /** @throws InvalidStateStoreException while Kafka Streams is starting, rebalancing or stopped */
    @Override
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started");
        }
        return running.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}

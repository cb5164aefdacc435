package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.reconciler.status.TrackingQueries;
import org.apache.kafka.streams.KafkaStreams;
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

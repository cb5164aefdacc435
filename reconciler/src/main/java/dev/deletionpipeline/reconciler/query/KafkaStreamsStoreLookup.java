package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.reconciler.status.TrackingQueries;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
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
    private final HostInfo self;
    private final Map<String, Set<String>> sourceTopicsByStore = new ConcurrentHashMap<>();

    KafkaStreamsStoreLookup(StreamsBuilderFactoryBean streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
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
        return partition(running, name, metadata.partition());
    }

    /**
     * The partitions of the store that the assignment gives this instance, each read on its own, so that one whose task
     * is still being restored throws {@link InvalidStateStoreException} (a 503) instead of being left out of a list.
     */
    @Override
    public <V> List<ReadOnlyKeyValueStore<String, V>> keyValueStoreParts(String name) {
        KafkaStreams running = running();
        Set<String> sources = sourceTopicsOf(name);
        return running.streamsMetadataForStore(name).stream()
                .filter(host -> self.equals(host.hostInfo()))
                .flatMap(host -> host.topicPartitions().stream())
                .filter(partition -> sources.contains(partition.topic()))
                .map(TopicPartition::partition)
                .distinct()
                .sorted()
                .map(partition -> KafkaStreamsStoreLookup.<V>partition(running, name, partition))
                .toList();
    }

    /** @throws InvalidStateStoreException while that partition's task is not running here (e.g. being restored) */
    private static <V> ReadOnlyKeyValueStore<String, V> partition(KafkaStreams running, String name, int partition) {
        return running.store(StoreQueryParameters.<ReadOnlyKeyValueStore<String, V>>fromNameAndType(
                        name, QueryableStoreTypes.keyValueStore())
                .withPartition(partition));
    }

    /**
     * The topics read by the part of the topology (sub-topology) that owns the store: its tasks are their partitions. A
     * repartition topic is described without the application id that its real name starts with; both are kept.
     */
    private Set<String> sourceTopicsOf(String store) {
        return sourceTopicsByStore.computeIfAbsent(store, name -> {
            Topology topology = streams.getTopology();
            if (topology == null) {
                throw new InvalidStateStoreException("Kafka Streams has not started");
            }
            String applicationId = streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            return topology.describe().subtopologies().stream()
                    .filter(subtopology -> subtopology.nodes().stream()
                            .anyMatch(node -> node instanceof TopologyDescription.Processor processor
                                    && processor.stores().contains(name)))
                    .flatMap(subtopology -> subtopology.nodes().stream())
                    .filter(TopologyDescription.Source.class::isInstance)
                    .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                    .flatMap(topic -> Stream.of(topic, applicationId + "-" + topic))
                    .collect(Collectors.toUnmodifiableSet());
        });
    }

    private KafkaStreams running() {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started");
        }
        return running;
    }
}

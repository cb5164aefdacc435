package dev.deletionpipeline.reconciler.query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * {@link QueryRouting} from the running {@code KafkaStreams}' metadata: every instance advertises its HTTP host:port as
 * {@code application.server}, so {@code queryMetadataForKey} names the instance whose active task holds a key. Only a
 * {@code RUNNING} application is asked: while it rebalances, partitions move and the answer would be stale.
 */
final class KafkaStreamsRouting implements QueryRouting {

    private static final StringSerializer KEYS = new StringSerializer();

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;

    KafkaStreamsRouting(StreamsBuilderFactoryBean streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Optional<HostInfo> remoteOwnerOf(String store, String key) {
        KeyQueryMetadata metadata = running().queryMetadataForKey(store, key, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null) {
            throw new QueriesUnavailableException("No instance hosts " + store + " for this key yet");
        }
        return self.equals(metadata.activeHost()) ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    @Override
    public List<Instance> instancesOf(String store) {
        Collection<StreamsMetadata> hosting = running().streamsMetadataForStore(store);
        if (hosting.isEmpty()) {
            throw new QueriesUnavailableException("No instance hosts " + store + " yet");
        }
        return hosting.stream()
                .map(StreamsMetadata::hostInfo)
                .map(host -> new Instance(host, self.equals(host)))
                .toList();
    }

    private KafkaStreams running() {
        KafkaStreams running = streams.getKafkaStreams();
        KafkaStreams.State state = running == null ? null : running.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new QueriesUnavailableException("Kafka Streams is " + (state == null ? "not started" : state));
        }
        return running;
    }
}

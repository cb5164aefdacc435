package dev.deletionpipeline.reconciler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.deletionpipeline.reconciler.status.TrackingStores;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Routing decisions from Kafka Streams' metadata; only a RUNNING application is asked. */
class KafkaStreamsRoutingTest {

    private static final HostInfo SELF = new HostInfo("reconciler-a", 8083);
    private static final HostInfo OTHER = new HostInfo("reconciler-b", 8083);

    private final KafkaStreams streams = mock(KafkaStreams.class);
    private final KafkaStreamsRouting routing = new KafkaStreamsRouting(factoryOf(streams), SELF);

    @Test
    void keyOfAnotherInstanceNamesThatInstance() {
        running(new KeyQueryMetadata(OTHER, java.util.Set.of(), 1));

        assertThat(routing.remoteOwnerOf(TrackingStores.DELETIONS, "block")).contains(OTHER);
    }

    @Test
    void keyOfThisInstanceIsAnsweredHere() {
        running(new KeyQueryMetadata(SELF, java.util.Set.of(), 2));

        assertThat(routing.remoteOwnerOf(TrackingStores.DELETIONS, "block")).isEmpty();
    }

    @Test
    void rebalancingOrUnknownOwnerIsUnavailable() {
        when(streams.state()).thenReturn(KafkaStreams.State.REBALANCING);
        assertThatThrownBy(() -> routing.remoteOwnerOf(TrackingStores.DELETIONS, "block"))
                .isInstanceOf(QueriesUnavailableException.class)
                .hasMessageContaining("REBALANCING");
        assertThatThrownBy(() -> routing.instancesOf(TrackingStores.OPEN_ORPHANS))
                .isInstanceOf(QueriesUnavailableException.class);

        running(KeyQueryMetadata.NOT_AVAILABLE);
        assertThatThrownBy(() -> routing.remoteOwnerOf(TrackingStores.DELETIONS, "block"))
                .isInstanceOf(QueriesUnavailableException.class);
    }

    @SuppressWarnings("unchecked")
    private void running(KeyQueryMetadata metadata) {
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        when(streams.queryMetadataForKey(eq(TrackingStores.DELETIONS), eq("block"), any(Serializer.class)))
                .thenReturn(metadata);
    }

    private static StreamsBuilderFactoryBean factoryOf(KafkaStreams streams) {
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        when(factory.getKafkaStreams()).thenReturn(streams);
        return factory;
    }
}

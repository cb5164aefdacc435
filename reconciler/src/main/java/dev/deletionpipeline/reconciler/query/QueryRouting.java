package dev.deletionpipeline.reconciler.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which reconciler instance holds what: each instance of the Kafka Streams application (same application id) owns the
 * stores of some partitions, so a key is answered where its partition lives and a list is gathered from all of them.
 */
interface QueryRouting {

    /**
     * @return empty when this instance hosts {@code key} of {@code store}, else the instance that does
     * @throws QueriesUnavailableException while that cannot be known (starting, rebalancing)
     */
    Optional<HostInfo> remoteOwnerOf(String store, String key);

    /**
     * @return every instance that hosts a part of {@code store}
     * @throws QueriesUnavailableException while that cannot be known (starting, rebalancing)
     */
    List<Instance> instancesOf(String store);

    /** One instance of the application; {@code local} when it is this one. */
    record Instance(HostInfo host, boolean local) {}

    /** A single instance that holds everything: for tests without Kafka. */
    static QueryRouting localOnly() {
        return new QueryRouting() {
            @Override
            public Optional<HostInfo> remoteOwnerOf(String store, String key) {
                return Optional.empty();
            }

            @Override
            public List<Instance> instancesOf(String store) {
                return List.of(new Instance(new HostInfo("localhost", 0), true));
            }
        };
    }
}

package dev.deletionpipeline.common.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the contract, with the serdes of its key and value. Every module reads and writes a topic through
 * its constant in {@link Topics}, never through a bare name.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** The same topic under a deployment's prefix (e.g. {@code "staging."}); an empty prefix returns this topic. */
    public Topic<K, V> withPrefix(String prefix) {
        return prefix == null || prefix.isEmpty() ? this : new Topic<>(prefix + name, keySerde, valueSerde);
    }
}

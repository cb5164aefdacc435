/**
 * The contract's one JSON mapping ({@link dev.deletionpipeline.common.json.EventJson}) and the Kafka serdes built on
 * it. A value that cannot be read fails with Kafka's {@code SerializationException}, which the consumers route to their
 * dead-letter topics.
 */
package dev.deletionpipeline.common.json;

/**
 * The contract's one JSON mapping ({@link dev.deletionpipeline.common.json.EventJson}) and the Kafka serdes built on
 * it. A value that cannot be read fails with an {@link
 * dev.deletionpipeline.common.json.UnreadableRecordException} carrying its reason, which the consumers route to their
 * dead-letter topics.
 */
package dev.deletionpipeline.common.json;

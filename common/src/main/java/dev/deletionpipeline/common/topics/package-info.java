/**
 * Every Kafka topic of the contract, defined once as a {@link dev.deletionpipeline.common.topics.Topic} constant with
 * its serdes, and the headers a dead-letter record carries. Modules refer to these constants, never to bare names.
 */
package dev.deletionpipeline.common.topics;

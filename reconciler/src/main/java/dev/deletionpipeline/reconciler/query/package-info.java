/**
 * Interactive queries over REST: the status of one block's deletion, the current ops summary and the open orphans,
 * answered from the Kafka Streams state stores of this instance.
 */
package dev.deletionpipeline.reconciler.query;

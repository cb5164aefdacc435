/**
 * Interactive queries over REST: the status of one block's deletion, the current ops summary and the open orphans,
 * answered from the Kafka Streams state stores of this instance. Every call needs an admin bearer token
 * ({@code service-security}, settings {@code deletion.security.*}).
 */
package dev.deletionpipeline.reconciler.query;

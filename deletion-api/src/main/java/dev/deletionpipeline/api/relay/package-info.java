/**
 * The CDC relay: an embedded Debezium engine that reads committed {@code outbox} rows from PostgreSQL's WAL (slot and
 * publication {@code deletion_outbox}), routes them with the outbox EventRouter by {@code aggregatetype} and produces
 * them with CloudEvents headers to {@code blocks.lifecycle.v1} and {@code blocks.hard-delete-confirmed.v1}. One
 * instance is active at a time (an advisory lock); relayed rows are deleted after a retention. Switched off with
 * {@code deletion.relay.enabled=false} when the connector of {@code deploy/debezium} runs in Kafka Connect instead.
 */
package dev.deletionpipeline.api.relay;

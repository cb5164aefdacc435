/**
 * The transactional outbox: rows written in the same transaction as the soft delete or restore they announce, and
 * relayed to Kafka by the CDC relay (Debezium's outbox EventRouter). The row layout is the contract with the relay:
 * {@code id} = event id ({@code ce_id}), {@code aggregatetype} = topic name, {@code aggregateid} = block id (record
 * key), {@code type} = {@code ce_type}, {@code payload} = the event's JSON exactly as {@code EventJson} reads it.
 */
package dev.deletionpipeline.api.outbox;

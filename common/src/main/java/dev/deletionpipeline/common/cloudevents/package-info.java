/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode: the event's attributes travel as {@code ce_*} record
 * headers next to its JSON value. Every producer writes them with
 * {@link dev.deletionpipeline.common.cloudevents.CloudEventAttributes#writeTo}, every consumer reads them with
 * {@link dev.deletionpipeline.common.cloudevents.CloudEventAttributes#readFrom}.
 */
package dev.deletionpipeline.common.cloudevents;

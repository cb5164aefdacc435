/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode, done by the CloudEvents SDK: the event's attributes
 * travel as {@code ce_*} record headers next to its JSON value. Every producer writes them with
 * {@link dev.deletionpipeline.common.cloudevents.ContractCloudEvents#writeTo}; consumers read single headers by the
 * names in {@link dev.deletionpipeline.common.cloudevents.CloudEventHeaders}.
 */
package dev.deletionpipeline.common.cloudevents;

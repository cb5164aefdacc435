/**
 * Spring wiring of the reconciler: its {@code deletion.reconciler.*} settings and the exactly-once Kafka Streams
 * application that runs the deletion-tracking topology.
 */
package dev.deletionpipeline.reconciler.config;

/**
 * Re-drives through the {@code outbox}: the only place where the reconciler writes a lifecycle event, so that every
 * {@code BlockSoftDeleted} reaches {@code blocks.lifecycle.v1} through Debezium, as the design has it. The safety-net
 * sweep calls {@link dev.deletionpipeline.reconciler.redrive.OutboxRedrive} in its own transactions; the tracking
 * topology, which cannot write the database, asks on {@code deletion.redrive-requests.v1}, and a listener here writes
 * the row.
 */
package dev.deletionpipeline.reconciler.redrive;

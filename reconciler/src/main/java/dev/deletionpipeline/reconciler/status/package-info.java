/**
 * Follows every deletion with Kafka Streams: the {@link dev.deletionpipeline.reconciler.status.DeletionTrackingTopology}
 * joins lifecycle events, hard-delete confirmations and the worker's dead letters on block id into a state store of each
 * deletion's state, publishes every state change, reports orphans (missed deadlines on the wall clock, dead letters),
 * optionally asks for a missed deletion to be re-driven (the {@code redrive} package writes it into the outbox), forgets finished deletions after a retention (with a status tombstone),
 * and publishes a periodic ops summary.
 * {@link dev.deletionpipeline.reconciler.status.TrackingQueries} answers questions from its stores.
 */
package dev.deletionpipeline.reconciler.status;

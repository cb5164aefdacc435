/**
 * The worker's durable to-do list, table {@code deletion_tasks}: one row per block whose {@code BlockSoftDeleted} was
 * taken in and is not finished. Its {@code due_at} covers the grace period, retry back-off and the lease of an attempt
 * in flight, so nothing waits in memory and a restart loses nothing. The pick-up is fair across owners.
 */
package dev.deletionpipeline.worker.tasks;

/**
 * Estimates when deletions waiting for their owner's Google quota will be done, from each owner's queue in
 * {@code deletion_tasks} and the configured rates, and tells the reconciler on {@code deletion.quota-waits.v1}, so that
 * a deletion waiting its turn is not taken for a lost one.
 */
package dev.deletionpipeline.worker.quotawait;

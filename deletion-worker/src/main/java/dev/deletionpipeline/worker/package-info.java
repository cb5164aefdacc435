/**
 * deletion-worker, phase 2 of the pipeline: takes in {@code BlockSoftDeleted} events, waits out the grace period,
 * claims the row, deletes the Google event, then hard-deletes the rows and writes the confirmation through the outbox.
 * Failures are retried with back-off and finally dead-lettered. One feature package per step.
 */
package dev.deletionpipeline.worker;

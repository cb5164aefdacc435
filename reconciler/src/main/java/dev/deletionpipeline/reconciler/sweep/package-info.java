/**
 * The safety-net sweep of the database: on a schedule, finds what the pipeline missed — children whose parent is gone,
 * instances of a recurring series that Google deleted, soft deletes stuck past their deadline, worker claims whose
 * lease expired — and reports every finding as an {@code OrphanDetected} on {@code deletion.orphans.v1} with the action
 * taken. It removes a row only when its Google event provably no longer exists, re-drives and releases through the
 * outbox, and is bounded by a dry-run mode, a row limit per sweep and a blast-radius guard.
 * {@link dev.deletionpipeline.reconciler.sweep.SafetyNetSweep} runs one sweep.
 */
package dev.deletionpipeline.reconciler.sweep;

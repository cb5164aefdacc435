/**
 * Intake of {@code blocks.lifecycle.v1}: soft deletes become tasks in {@code deletion_tasks}, restores drop them, and
 * unreadable records go to the dead-letter topic through the error handler. The consumer never waits for a grace
 * period or a retry, so no record holds up its partition.
 */
package dev.deletionpipeline.worker.intake;

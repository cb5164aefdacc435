/**
 * Failures and their way back, around the table {@code dead_letters}: retries scheduled in the database, dead letters
 * to {@code blocks.deletion-dead-letters.v1} (poison records straight there), and the admin API that lists and redrives
 * them (admin role, audited in {@code admin_audit}). The redrive lives in the worker because the worker owns the dead
 * letters, the failed state and the task table, so a redrive is one local transaction.
 */
package dev.deletionpipeline.worker.failure;

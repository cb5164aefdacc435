/**
 * Failures: bounded retries with exponential back-off and jitter that honour Retry-After and are scheduled in the
 * database (so no partition waits), dead letters to {@code blocks.deletion-dead-letters.v1} with the reason headers
 * (table {@code dead_letters}, block marked {@code FAILED}), and poison records sent straight there.
 */
package dev.deletionpipeline.worker.failure;

/**
 * Failures and their way back, around the table {@code dead_letters}: bounded retries with exponential back-off and
 * jitter that honour Retry-After and are scheduled in the database (so no partition waits); dead letters to
 * {@code blocks.deletion-dead-letters.v1} with the reason headers (block marked {@code FAILED}), and poison records
 * sent straight there; and the admin API of dead letters ({@code GET /v1/admin/dead-letters},
 * {@code POST /v1/admin/dead-letters/{id}/redrive}, audited in {@code admin_audit}), secured with the same bearer JWTs
 * as deletion-api by {@code service-security} (admin role). The redrive lives in the worker because the worker owns
 * the dead letters, the failed state and the task table, so a redrive is one local transaction.
 */
package dev.deletionpipeline.worker.failure;

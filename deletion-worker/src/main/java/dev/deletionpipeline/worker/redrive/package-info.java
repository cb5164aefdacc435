/**
 * The admin API of dead letters ({@code GET /v1/admin/dead-letters}, {@code POST /v1/admin/dead-letters/{id}/redrive}),
 * secured with the same bearer JWTs as deletion-api by the shared {@code service-security} module (admin role,
 * {@code deletion.security.*}). It lives in the worker because the worker owns the dead letters, the failed state and
 * the task table, so a redrive is one local transaction.
 */
package dev.deletionpipeline.worker.redrive;

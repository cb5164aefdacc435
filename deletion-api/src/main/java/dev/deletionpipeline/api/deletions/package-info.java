/**
 * Soft deletion, the first phase of the pipeline: one {@code deletions} row per request, set-based updates of
 * {@code blocks} (a block with its dependants, every block of a calendar or of an owner) and the outbox rows that
 * announce them, all in one transaction. Also {@code POST /v1/deletions} (bulk) and {@code GET /v1/deletions/{id}}
 * (progress, read from {@code blocks} and {@code deletion_receipts}).
 */
package dev.deletionpipeline.api.deletions;

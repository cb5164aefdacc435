/**
 * Soft deletion, the first phase of the pipeline: one {@code deletions} row per request, set-based updates of
 * {@code blocks} (a block with its dependants, every block of a calendar or of an owner) and the outbox rows that
 * announce them, all in one transaction. Also {@code POST /v1/deletions} (bulk) and {@code GET /v1/deletions/{id}}
 * (progress, read from {@code blocks} and {@code deletion_receipts}). The brakes on mass deletion live here too: one
 * definition of what a deletion targets ({@link dev.deletionpipeline.api.deletions.DeletionTarget}) shared by the soft
 * delete and its dry-run preview, the confirmation threshold with its 428 answer and single-use tokens
 * ({@code deletion_confirmations}), and the refusal to start with a grace period of 0 outside the local profile.
 */
package dev.deletionpipeline.api.deletions;

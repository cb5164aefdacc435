/**
 * Receipts of finished deletion requests, written when the last block of a deletion has ended (hard-deleted and
 * confirmed, given up as FAILED, or restored) and kept for the compliance period.
 *
 * <p>Why the worker: it writes every fact a receipt is made of except the restore — the per-block
 * {@code deletion_receipts}, {@code removed_dependants}, {@code dead_letters} and the FAILED state — and finishes blocks
 * inside its own transactions, so it can decide "this was the last one" where the fact is created, without reading
 * another service's private state: {@code deletions} and {@code blocks} are the shared record every module reads
 * (migration V1). A restore is deletion-api's transaction; the worker learns of it from {@code BlockRestored} on
 * {@code blocks.lifecycle.v1} (and, for a withdrawal undone before its purge announced anything, from housekeeping's
 * sweep of restored deletions), so there is one definition of "finished" and one receipt builder, both here.
 */
package dev.deletionpipeline.worker.receipts;

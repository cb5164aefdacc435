package dev.deletionpipeline.common.events;

/**
 * Where a block's row stands in {@code blocks.deletion_state} (V1's {@code blocks_deletion_state_ck}), which
 * deletion-api, the worker and the reconciler's sweeps all write; null is a live or restored block. The SQL binds these
 * as parameters, never as literals. {@link DeletionState} is the wider view the reconciler reports.
 */
public enum BlockState {
    /** Soft-deleted: restorable until {@code purge_after}, then the worker's to claim. */
    SOFT_DELETED,
    /** A worker holds it ({@code claimed_by} until {@code claim_expires_at}) while it deletes it in Google and here. */
    CLAIMED,
    /** The worker gave up ({@code failure_reason}, a dead letter); the row stays until a redrive. */
    FAILED;

    /** A value read from the column; null for a live or restored block. */
    public static BlockState ofColumn(String value) {
        return value == null ? null : valueOf(value);
    }
}

package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer of {@code GET /v1/deletions/{id}}: the deletion, how many of its blocks are in each state, and one page
 * of per-block states (ordered by block id; {@code page}/{@code size} select the page, {@code totalItems} tells how
 * many there are).
 *
 * @param dueBy when the deletion request must be finished (the legal clock)
 * @param counts SOFT_DELETED, CLAIMED, FAILED (from {@code blocks}), CONFIRMED (hard-deleted, from
 *     {@code deletion_receipts}), RESTORED (brought back by a restore) and HELD (pending under a legal hold, counted
 *     there instead of SOFT_DELETED or CLAIMED); every key present
 */
public record DeletionProgress(
        UUID deletionId,
        UUID ownerId,
        DeletionKind scope,
        String target,
        String requestedBy,
        Instant requestedAt,
        Instant purgeAfter,
        int blocks,
        Instant restoredAt,
        Instant dueBy,
        Map<String, Long> counts,
        List<BlockProgress> items,
        int page,
        int size,
        long totalItems) {

    /** Where one block of the deletion stands. */
    public record BlockProgress(UUID blockId, String state) {}
}

package dev.deletionpipeline.reconciler.status;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.events.OrphanType;
import java.time.Instant;
import java.util.UUID;

/**
 * What the reconciler knows about one deletion request's legal clock: the value of the
 * {@link TrackingStores#REQUESTS} store, key = deletion id. Which blocks are pending is kept one key per block in
 * {@link TrackingStores#REQUEST_BLOCKS}, so that a request of 100,000 blocks costs one small write per block change.
 *
 * @param dueBy nullable: unknown while no block's soft delete carried it (events from before {@code dueBy} existed)
 * @param pendingBlocks how many of its blocks keep the request unfinished
 * @param standing nullable: the deadline class the request is in now ({@link OrphanType#DEADLINE_AT_RISK} or
 *     {@link OrphanType#DEADLINE_MISSED}); null for none
 * @param reportedAtRisk whether its {@code DEADLINE_AT_RISK} orphan was published (once per request)
 * @param reportedMissed whether its {@code DEADLINE_MISSED} orphan was published (once per request)
 * @param finishedAt nullable: when its last pending block ended; null while it is unfinished
 */
record TrackedRequest(
        UUID deletionId,
        UUID ownerId,
        Instant dueBy,
        long pendingBlocks,
        OrphanType standing,
        boolean reportedAtRisk,
        boolean reportedMissed,
        Instant finishedAt) {

    TrackedRequest {
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
    }

    static TrackedRequest first(RequestBlockFact fact) {
        return new TrackedRequest(fact.deletionId(), fact.ownerId(), null, 0, null, false, false, null);
    }

    boolean unfinished() {
        return pendingBlocks > 0;
    }

    /**
     * This request after {@code fact}, which changed the number of pending blocks by {@code pendingChange} (-1, 0 or
     * 1: the caller applies the fact to the per-block store, where a repeat changes nothing).
     */
    TrackedRequest with(RequestBlockFact fact, int pendingChange) {
        long pending = Math.max(0, pendingBlocks + pendingChange);
        Instant knownDueBy = dueBy != null ? dueBy : fact.dueBy();
        Instant finished = pending == 0 ? (unfinished() || finishedAt == null ? fact.at() : finishedAt) : null;
        return new TrackedRequest(
                deletionId, ownerId, knownDueBy, pending, standing, reportedAtRisk, reportedMissed, finished);
    }

    TrackedRequest withStanding(OrphanType newStanding) {
        return new TrackedRequest(
                deletionId,
                ownerId,
                dueBy,
                pendingBlocks,
                newStanding,
                reportedAtRisk || newStanding == OrphanType.DEADLINE_AT_RISK,
                reportedMissed || newStanding == OrphanType.DEADLINE_MISSED,
                finishedAt);
    }
}

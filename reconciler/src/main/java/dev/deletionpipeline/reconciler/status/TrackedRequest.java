package dev.deletionpipeline.reconciler.status;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.events.OrphanType;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the reconciler knows about one deletion request's legal clock: the value of the
 * {@link TrackingStores#REQUESTS} store, key = deletion id.
 *
 * @param dueBy nullable: unknown while no block's soft delete carried it (events from before {@code dueBy} existed)
 * @param pendingBlocks the blocks that keep the request unfinished, sorted by id
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
        List<UUID> pendingBlocks,
        OrphanType standing,
        boolean reportedAtRisk,
        boolean reportedMissed,
        Instant finishedAt) {

    TrackedRequest {
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
        pendingBlocks = pendingBlocks == null ? List.of() : List.copyOf(new TreeSet<>(pendingBlocks));
    }

    static TrackedRequest first(RequestBlockFact fact) {
        return new TrackedRequest(fact.deletionId(), fact.ownerId(), null, List.of(), null, false, false, null);
    }

    boolean unfinished() {
        return !pendingBlocks.isEmpty();
    }

    /** This request with what {@code fact} says about one of its blocks; pure set logic, so a repeat changes nothing. */
    TrackedRequest with(RequestBlockFact fact) {
        TreeSet<UUID> pending = new TreeSet<>(pendingBlocks);
        if (fact.counts()) {
            pending.add(fact.blockId());
        } else {
            pending.remove(fact.blockId());
        }
        Instant knownDueBy = dueBy != null ? dueBy : fact.dueBy();
        Instant finished = pending.isEmpty() ? (unfinished() || finishedAt == null ? fact.at() : finishedAt) : null;
        return new TrackedRequest(
                deletionId,
                ownerId,
                knownDueBy,
                List.copyOf(pending),
                standing,
                reportedAtRisk,
                reportedMissed,
                finished);
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

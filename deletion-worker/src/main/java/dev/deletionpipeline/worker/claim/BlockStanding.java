package dev.deletionpipeline.worker.claim;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.worker.claim.UnclaimedExplainer.UnclaimedFate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a block stands when its claim failed: the facts {@link UnclaimedExplainer} reads, and the decision they lead
 * to (a pure function, so it is unit-tested without a database).
 *
 * @param deletionState nullable: null when the row is live (or was restored) or gone
 * @param deletionId nullable: the deletion the row is in now
 * @param held a legal hold covers the block now
 */
record BlockStanding(
        boolean exists,
        BlockState deletionState,
        UUID deletionId,
        Instant purgeAfter,
        Instant claimExpiresAt,
        boolean held,
        boolean confirmed,
        boolean removedAsDependant) {

    /** A claim that lost to nothing visible (e.g. a concurrent restore that rolled back) is retried this soon. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    /** @param heldRecheck how soon a held block is looked at again */
    Decision decide(UUID taskDeletionId, Instant now, Duration heldRecheck) {
        if (confirmed) {
            return new Decision(UnclaimedFate.ALREADY_CONFIRMED, null);
        }
        if (removedAsDependant) {
            return new Decision(UnclaimedFate.REMOVED_AS_DEPENDANT, null);
        }
        if (!exists || deletionState == null || !taskDeletionId.equals(deletionId)) {
            return new Decision(UnclaimedFate.DROP, null);
        }
        boolean pending = deletionState == BlockState.SOFT_DELETED || deletionState == BlockState.CLAIMED;
        if (held && pending) {
            return new Decision(UnclaimedFate.HELD, max(purgeAfter, now.plus(heldRecheck)));
        }
        return switch (deletionState) {
            case CLAIMED -> new Decision(UnclaimedFate.WAIT, later(claimExpiresAt, now));
            case SOFT_DELETED -> new Decision(UnclaimedFate.WAIT, later(purgeAfter, now));
            case FAILED -> new Decision(UnclaimedFate.DROP, null);
        };
    }

    private static Instant max(Instant purgeAfter, Instant recheck) {
        return purgeAfter != null && purgeAfter.isAfter(recheck) ? purgeAfter : recheck;
    }

    private static Instant later(Instant candidate, Instant now) {
        Instant soonest = now.plus(RECHECK);
        return candidate == null || candidate.isBefore(soonest) ? soonest : candidate;
    }

    record Decision(UnclaimedFate fate, Instant retryAt) {}
}

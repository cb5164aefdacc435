package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.DeletionState;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a finished deletion ({@code CONFIRMED} or {@code RESTORED}) is remembered: {@code finishedRetention} after
 * its last change, then {@link RetentionCheck} forgets it from the stores and tombstones its key on the compacted
 * {@code deletion.status.v1}, which would otherwise grow with every block ever deleted. {@code FAILED},
 * {@code ORPHANED} and {@code SOFT_DELETED} are never forgotten: nothing unresolved may disappear silently.
 *
 * <p>Once forgotten, a duplicate (a CDC replay) can no longer be recognised by its event id: a replayed
 * {@code BlockSoftDeleted} would look like a new deletion and, its deadline long past, become a false orphan of a
 * block that is already gone. So an event for a block with <em>no</em> tracked deletion whose deletion started more
 * than {@code finishedRetention} ago is taken for a replay of a forgotten one and ignored (logged at WARN): a deletion
 * that was forgotten started at least that long ago, and a genuinely new event cannot be that old as long as the
 * retention is far longer than any replay or consumer lag — hence the 7-day default. Re-drives ({@code redriveOf} set)
 * are exempt: the database sweep re-drives only rows that are still soft-deleted, so they are real work.
 */
final class FinishedRetention {

    private final Duration retention;

    FinishedRetention(Duration retention) {
        this.retention = retention;
    }

    /** The key of {@code deletion} in the {@link TrackingStores#FINISHED} index; null unless it is finished. */
    String indexKey(TrackedDeletion deletion) {
        if (deletion == null || !finished(deletion.state())) {
            return null;
        }
        return TimeKeys.of(deletion.updatedAt().plus(retention), deletion.blockId());
    }

    /** True when {@code inbound}, for a block with no tracked deletion, may replay a deletion already forgotten. */
    boolean mayReplayForgotten(Inbound inbound, Instant now) {
        if (inbound instanceof Inbound.SoftDeleted softDeleted
                && softDeleted.event().redriveOf() != null) {
            return false;
        }
        return !inbound.deletionStartedAt().isAfter(now.minus(retention));
    }

    private static boolean finished(DeletionState state) {
        return state == DeletionState.CONFIRMED || state == DeletionState.RESTORED;
    }
}

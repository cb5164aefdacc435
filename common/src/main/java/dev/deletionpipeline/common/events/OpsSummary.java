package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * What operators watch: a periodic summary. Topic {@code deletion.ops.v1}, key = summary name. A snapshot, not an
 * occurrence, so it has no event id of its own. Every field but {@code quotaWaitsDoneBy} is required; the maps are
 * immutable copies.
 *
 * @param countsByState how many deletions are in each {@link DeletionState}; a state with none may be left out
 * @param deadLettersByReason dead letters by reason
 * @param oldestPendingAgeMs age of the oldest deletion not yet confirmed, restored or failed; 0 when none
 * @param softDeleteToConfirmMs soft delete → confirmation latency over the last {@code windowSeconds}
 * @param alreadyGoneInWindow confirmations over the last {@code windowSeconds} whose Google answer was "already gone"
 *     ({@link HardDeleteOutcome#ALREADY_GONE}); a spike against the usual level points at a wrong calendar mapping or
 *     lost access rather than at events users deleted themselves
 * @param deadlinesAtRisk unfinished deletion requests whose {@code dueBy} is near (within the reconciler's
 *     {@code deadline-at-risk-before}) but not yet passed
 * @param deadlinesMissed unfinished deletion requests past their {@code dueBy}; a request that finishes (late) no
 *     longer counts
 */
public record OpsSummary(
        String name,
        Instant generatedAt,
        Map<DeletionState, Long> countsByState,
        Map<String, Long> deadLettersByReason,
        long oldestPendingAgeMs,
        LatencyPercentiles softDeleteToConfirmMs,
        long windowSeconds,
        long alreadyGoneInWindow,
        long deadlinesAtRisk,
        long deadlinesMissed,
        long deletionsWaitingForQuota,
        long blocksWaitingForQuota,
        Instant quotaWaitsDoneBy) {

    public OpsSummary {
        requireNonNull(name, "name");
        requireNonNull(generatedAt, "generatedAt");
        countsByState = Map.copyOf(requireNonNull(countsByState, "countsByState"));
        deadLettersByReason = Map.copyOf(requireNonNull(deadLettersByReason, "deadLettersByReason"));
        requireNonNull(softDeleteToConfirmMs, "softDeleteToConfirmMs");
    }
}

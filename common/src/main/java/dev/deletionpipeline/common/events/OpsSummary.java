package dev.deletionpipeline.common.events;

import java.time.Instant;
import java.util.Map;

/**
 * What operators watch: a periodic summary. Topic {@code deletion.ops.v1}, key = summary name.
 *
 * @param countsByState how many deletions are in each {@link DeletionState}
 * @param deadLettersByReason dead letters by reason
 * @param oldestPendingAgeMs age of the oldest deletion not yet confirmed, restored or failed; 0 when none
 * @param softDeleteToConfirmMs soft delete → confirmation latency over the last {@code windowSeconds}
 */
public record OpsSummary(
        String name,
        Instant generatedAt,
        Map<DeletionState, Long> countsByState,
        Map<String, Long> deadLettersByReason,
        long oldestPendingAgeMs,
        LatencyPercentiles softDeleteToConfirmMs,
        long windowSeconds) {}

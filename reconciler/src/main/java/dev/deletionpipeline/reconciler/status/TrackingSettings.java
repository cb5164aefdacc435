package dev.deletionpipeline.reconciler.status;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What the deletion-tracking topology needs to know, free of Spring so that tests build the topology directly.
 *
 * @param deadline how long after {@code purgeAfter} a deletion may stay unconfirmed before it counts as orphaned
 * @param punctuationInterval how often (wall clock) deadlines are checked
 * @param summaryInterval how often (wall clock) an {@code OpsSummary} is published
 * @param summaryName the key of the published summary, e.g. {@code global}
 * @param latencyWindow how far back the soft-delete → confirm latency percentiles and the already-gone count look
 * @param maxLatencySamples the most latency samples kept, however busy the window
 * @param maxRedrives how often a deletion that missed its deadline is re-driven before it is declared orphaned
 * @param seenEventIdsPerBlock how many recent event ids per block are remembered to drop duplicates
 * @param finishedRetention how long a CONFIRMED or RESTORED deletion is remembered after its last change before it is
 *     forgotten (stores and a status tombstone). Must be far longer than any replay of the input topics (CDC
 *     re-delivery, consumer lag, a restore of offsets): an event of a deletion that started longer ago than this, for a
 *     block with no tracked deletion, is taken for a replay of a forgotten one and ignored (see
 *     {@link FinishedRetention})
 * @param deadlineAtRiskBefore how long before its {@code dueBy} an unfinished deletion request counts as at risk
 *     ({@code DEADLINE_AT_RISK})
 */
public record TrackingSettings(
        Duration deadline,
        Duration punctuationInterval,
        Duration summaryInterval,
        String summaryName,
        Duration latencyWindow,
        int maxLatencySamples,
        int maxRedrives,
        int seenEventIdsPerBlock,
        Duration finishedRetention,
        Duration deadlineAtRiskBefore) {

    private static final Duration DEFAULT_DEADLINE_AT_RISK_BEFORE = Duration.ofDays(7);

    public TrackingSettings {
        requirePositive(deadline, "deadline");
        requirePositive(punctuationInterval, "punctuationInterval");
        requirePositive(summaryInterval, "summaryInterval");
        requirePositive(latencyWindow, "latencyWindow");
        requirePositive(finishedRetention, "finishedRetention");
        requirePositive(deadlineAtRiskBefore, "deadlineAtRiskBefore");
        requireNonNull(summaryName, "summaryName");
        if (maxLatencySamples < 1 || maxRedrives < 0 || seenEventIdsPerBlock < 1) {
            throw new IllegalArgumentException("maxLatencySamples and seenEventIdsPerBlock must be positive, "
                    + "maxRedrives must not be negative");
        }
    }

    /** Settings with the default {@code deadlineAtRiskBefore} of 7 days. */
    public TrackingSettings(
            Duration deadline,
            Duration punctuationInterval,
            Duration summaryInterval,
            String summaryName,
            Duration latencyWindow,
            int maxLatencySamples,
            int maxRedrives,
            int seenEventIdsPerBlock,
            Duration finishedRetention) {
        this(
                deadline,
                punctuationInterval,
                summaryInterval,
                summaryName,
                latencyWindow,
                maxLatencySamples,
                maxRedrives,
                seenEventIdsPerBlock,
                finishedRetention,
                DEFAULT_DEADLINE_AT_RISK_BEFORE);
    }

    /** The defaults of {@code application.yml}. */
    public static TrackingSettings defaults() {
        return new TrackingSettings(
                Duration.ofMinutes(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                "global",
                Duration.ofMinutes(15),
                10_000,
                0,
                32,
                Duration.ofDays(7));
    }

    public TrackingSettings withDeadline(Duration newDeadline) {
        return new TrackingSettings(
                newDeadline,
                punctuationInterval,
                summaryInterval,
                summaryName,
                latencyWindow,
                maxLatencySamples,
                maxRedrives,
                seenEventIdsPerBlock,
                finishedRetention,
                deadlineAtRiskBefore);
    }

    public TrackingSettings withMaxRedrives(int newMaxRedrives) {
        return new TrackingSettings(
                deadline,
                punctuationInterval,
                summaryInterval,
                summaryName,
                latencyWindow,
                maxLatencySamples,
                newMaxRedrives,
                seenEventIdsPerBlock,
                finishedRetention,
                deadlineAtRiskBefore);
    }

    public TrackingSettings withFinishedRetention(Duration newFinishedRetention) {
        return new TrackingSettings(
                deadline,
                punctuationInterval,
                summaryInterval,
                summaryName,
                latencyWindow,
                maxLatencySamples,
                maxRedrives,
                seenEventIdsPerBlock,
                newFinishedRetention,
                deadlineAtRiskBefore);
    }

    public TrackingSettings withDeadlineAtRiskBefore(Duration newDeadlineAtRiskBefore) {
        return new TrackingSettings(
                deadline,
                punctuationInterval,
                summaryInterval,
                summaryName,
                latencyWindow,
                maxLatencySamples,
                maxRedrives,
                seenEventIdsPerBlock,
                finishedRetention,
                newDeadlineAtRiskBefore);
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}

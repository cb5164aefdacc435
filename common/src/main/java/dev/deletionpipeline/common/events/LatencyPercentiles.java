package dev.deletionpipeline.common.events;

/**
 * Latency percentiles in milliseconds over a window, part of {@link OpsSummary}; all zero when the window saw nothing.
 */
public record LatencyPercentiles(long p50, long p95, long p99, long samples) {

    /** What a window without samples reports. */
    public static final LatencyPercentiles NONE = new LatencyPercentiles(0, 0, 0, 0);
}

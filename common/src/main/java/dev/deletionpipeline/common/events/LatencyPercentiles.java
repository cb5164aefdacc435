package dev.deletionpipeline.common.events;

/** Latency percentiles in milliseconds over a window; all zero when the window saw nothing. */
public record LatencyPercentiles(long p50, long p95, long p99, long samples) {}

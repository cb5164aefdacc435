package dev.deletionpipeline.api.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of durations, in milliseconds.
 *
 * @param count how many values
 */
record Percentiles(int count, double p50, double p90, double p99, double max) {

    static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length,
                millis(rank(sorted, 0.50)),
                millis(rank(sorted, 0.90)),
                millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @Override
    public String toString() {
        return "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)".formatted(p50, p90, p99, max, count);
    }
}

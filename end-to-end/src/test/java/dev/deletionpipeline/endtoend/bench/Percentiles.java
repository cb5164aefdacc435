package dev.deletionpipeline.endtoend.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a set of durations in milliseconds, rounded to 0.1 ms. */
record Percentiles(int count, double p50, double p95, double p99, double max) {

    static Percentiles of(double[] millis) {
        if (millis.length == 0) {
            return new Percentiles(0, -1, -1, -1, -1);
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length,
                rank(sorted, 0.50),
                rank(sorted, 0.95),
                rank(sorted, 0.99),
                round(sorted[sorted.length - 1]));
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return round(sorted[Math.max(0, index)]);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("p50", p50);
        map.put("p95", p95);
        map.put("p99", p99);
        map.put("max", max);
        map.put("count", count);
        return map;
    }
}

package dev.deletionpipeline.endtoend.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmark is run with, from system properties ({@code -Dbench.bulk-blocks=...}); the defaults are the
 * report's.
 *
 * @param bulkBlocks blocks of each timed bulk deletion (one per stand-in latency), spread over {@code owners}
 * @param owners owners (one calendar each) that a bulk deletion spans; each gets one {@code POST /v1/deletions}
 * @param rate single deletes per second of the latency run
 * @param seconds measured seconds of the latency run
 * @param warmupSeconds seconds of the latency run before measuring
 * @param googleLatencyMs stand-in latency of the latency run and of the second bulk run
 * @param concurrency clients at once of the max-throughput runs (API and plain JDBC)
 * @param maxDeletes deletions of each max-throughput run
 * @param bigBulkBlocks blocks of the one-calendar bulk soft delete that is timed against the 5 s goal
 */
record BenchParameters(
        int bulkBlocks,
        int owners,
        int rate,
        int seconds,
        int warmupSeconds,
        int googleLatencyMs,
        int concurrency,
        int maxDeletes,
        int bigBulkBlocks) {

    static BenchParameters fromSystemProperties() {
        return new BenchParameters(
                Integer.getInteger("bench.bulk-blocks", 20_000),
                Integer.getInteger("bench.owners", 8),
                Integer.getInteger("bench.rate", 500),
                Integer.getInteger("bench.seconds", 25),
                Integer.getInteger("bench.warmup-seconds", 5),
                Integer.getInteger("bench.google-latency-ms", 20),
                Integer.getInteger("bench.concurrency", 16),
                Integer.getInteger("bench.max-deletes", 5_000),
                Integer.getInteger("bench.big-bulk-blocks", 100_000));
    }

    int singleDeletes() {
        return rate * (seconds + warmupSeconds);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bulk_blocks", bulkBlocks);
        map.put("owners", owners);
        map.put("single_delete_rate_per_s", rate);
        map.put("single_delete_seconds", seconds);
        map.put("single_delete_warmup_seconds", warmupSeconds);
        map.put("google_latency_ms", googleLatencyMs);
        map.put("concurrency", concurrency);
        map.put("max_throughput_deletes", maxDeletes);
        map.put("big_bulk_blocks", bigBulkBlocks);
        return map;
    }
}

package dev.deletionpipeline.endtoend.bench;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param scenarios which runs to make, each on a stack of its own: {@code throughput} (everything above) and/or
 *     {@code quota} (Google's real quotas, {@link QuotaRun})
 * @param quotaOwners owners the quota run's spread deletion spans (one calendar each)
 * @param quotaBlocksPerOwner synced blocks of each of those owners
 * @param quotaBigOwnerBlocks synced blocks of the quota run's big owner, deleted in one bulk alongside
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
        int bigBulkBlocks,
        Set<String> scenarios,
        int quotaOwners,
        int quotaBlocksPerOwner,
        int quotaBigOwnerBlocks) {

    static final String THROUGHPUT = "throughput";
    static final String QUOTA = "quota";

    static BenchParameters fromSystemProperties() {
        return new BenchParameters(
                Integer.getInteger("bench.bulk-blocks", 20_000),
                Integer.getInteger("bench.owners", 8),
                Integer.getInteger("bench.rate", 100),
                Integer.getInteger("bench.seconds", 25),
                Integer.getInteger("bench.warmup-seconds", 5),
                Integer.getInteger("bench.google-latency-ms", 20),
                Integer.getInteger("bench.concurrency", 16),
                Integer.getInteger("bench.max-deletes", 5_000),
                Integer.getInteger("bench.big-bulk-blocks", 100_000),
                scenarios(System.getProperty("bench.scenarios", THROUGHPUT + "," + QUOTA)),
                Integer.getInteger("bench.quota-owners", 40),
                Integer.getInteger("bench.quota-blocks-per-owner", 400),
                Integer.getInteger("bench.quota-big-owner-blocks", 1_200));
    }

    private static Set<String> scenarios(String list) {
        Set<String> scenarios = new LinkedHashSet<>();
        for (String scenario : list.split(",")) {
            String name = scenario.strip();
            if (!name.equals(THROUGHPUT) && !name.equals(QUOTA)) {
                throw new IllegalArgumentException(
                        "bench.scenarios: unknown scenario '" + name + "' (known: " + THROUGHPUT + ", " + QUOTA + ")");
            }
            scenarios.add(name);
        }
        return scenarios;
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
        map.put("scenarios", List.copyOf(scenarios));
        map.put("quota_owners", quotaOwners);
        map.put("quota_blocks_per_owner", quotaBlocksPerOwner);
        map.put("quota_big_owner_blocks", quotaBigOwnerBlocks);
        return map;
    }
}

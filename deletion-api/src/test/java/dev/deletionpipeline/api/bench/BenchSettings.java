package dev.deletionpipeline.api.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does, from {@code -Dbench.*} system properties (the Maven profile passes them through).
 *
 * @param rate single deletes per second, fired open-loop
 * @param duration how long the measured single-delete phase lasts
 * @param warmUp single deletes at the same rate before it, not measured (JIT, connection pools, relay)
 * @param bulkBlocks blocks in the calendar that the bulk phase deletes with one request
 * @param bulkGoal the time the bulk soft delete should take at most
 * @param relayTimeout how long to wait for every event of a phase to reach Kafka
 * @param output where the JSON report goes
 */
record BenchSettings(
        int rate,
        Duration duration,
        Duration warmUp,
        int bulkBlocks,
        Duration bulkGoal,
        Duration relayTimeout,
        Path output) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.rate", 200),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 30)),
                Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 5)),
                Integer.getInteger("bench.bulk-blocks", 100_000),
                Duration.ofSeconds(5),
                Duration.ofSeconds(Integer.getInteger("bench.relay-timeout-seconds", 60)),
                Path.of(System.getProperty("bench.output", "target/bench/api-bench.json")));
    }

    /** Single deletes of the measured phase. */
    int measuredRequests() {
        return (int) (rate * duration.toSeconds());
    }

    int warmUpRequests() {
        return (int) (rate * warmUp.toSeconds());
    }
}

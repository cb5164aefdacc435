package dev.deletionpipeline.worker.benchmark;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one benchmark run at one Google latency, computed from the confirmations the worker wrote (claimed
 * at, hard-deleted at) and the stand-in's call log; the wall-clock time runs from the first claim to the last hard
 * delete. {@code databaseMillis} adds up the worker's statement times (its dispatchers run side by side, so it can
 * exceed the wall-clock time).
 */
record BenchmarkRun(
        long latencyMillis,
        int deletions,
        double seconds,
        long httpRequests,
        long claimToConfirmP50Millis,
        long claimToConfirmP99Millis,
        long databaseMillis,
        Map<String, Object> databaseTime) {

    static BenchmarkRun of(
            Duration latency, List<HardDeleteConfirmed> confirmations, List<CallRecord> calls, StatementTimings sql) {
        Instant first = confirmations.stream()
                .map(HardDeleteConfirmed::claimedAt)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant last = confirmations.stream()
                .map(HardDeleteConfirmed::hardDeletedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        List<Long> latencies = confirmations.stream()
                .map(c -> Duration.between(c.claimedAt(), c.hardDeletedAt()).toMillis())
                .sorted()
                .toList();
        // a batch request's parts are logged too; the HTTP request is the outer /batch/ call
        long httpRequests = calls.stream()
                .filter(c -> c.batchId() == null || c.path().startsWith("/batch/"))
                .count();
        return new BenchmarkRun(
                latency.toMillis(),
                confirmations.size(),
                Duration.between(first, last).toMillis() / 1000.0,
                httpRequests,
                latencies.get(latencies.size() / 2),
                latencies.get((int) Math.min(latencies.size() - 1, Math.round(latencies.size() * 0.99))),
                Math.round(sql.timings().stream()
                        .mapToDouble(StatementTimings.Timing::totalMillis)
                        .sum()),
                sql.asReport(confirmations.size()));
    }

    double deletionsPerSecond() {
        return deletions / seconds;
    }

    double httpRequestsPerDeletion() {
        return (double) httpRequests / deletions;
    }

    String summary() {
        return String.format(
                "google latency %4d ms: %d deletions in %.2f s = %.0f deletions/s; %.4f Google HTTP requests per"
                        + " deletion; claim-to-confirm p50 %d ms, p99 %d ms",
                latencyMillis,
                deletions,
                seconds,
                deletionsPerSecond(),
                httpRequestsPerDeletion(),
                claimToConfirmP50Millis,
                claimToConfirmP99Millis);
    }

    Map<String, Object> asReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("googleLatencyMillis", latencyMillis);
        report.put("deletions", deletions);
        report.put("seconds", seconds);
        report.put("deletionsPerSecond", Math.round(deletionsPerSecond()));
        report.put("googleHttpRequests", httpRequests);
        report.put("googleHttpRequestsPerDeletion", httpRequestsPerDeletion());
        report.put("claimToConfirmP50Millis", claimToConfirmP50Millis);
        report.put("claimToConfirmP99Millis", claimToConfirmP99Millis);
        report.put("databaseMillis", databaseMillis);
        report.put("databaseTime", databaseTime);
        return report;
    }
}

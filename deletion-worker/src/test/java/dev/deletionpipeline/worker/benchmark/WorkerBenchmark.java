package dev.deletionpipeline.worker.benchmark;

import static dev.deletionpipeline.worker.Timestamps.of;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.TestTopics;
import dev.deletionpipeline.worker.TestWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Throughput of the worker against the Google Calendar stand-in: deletions per second, Google HTTP requests per
 * deletion and claim-to-confirm latency, at 0 ms and at 50 ms of Google latency. Not a test: run it with the command
 * in deletion-worker/README.md. Arguments: deletions (default 20000), owners (default 10).
 */
public final class WorkerBenchmark {

    private WorkerBenchmark() {}

    public static void main(String[] args) {
        int deletions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int owners = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        for (Duration latency : List.of(Duration.ZERO, Duration.ofMillis(50))) {
            run(deletions, owners, latency);
        }
        System.exit(0);
    }

    private static void run(int deletions, int owners, Duration latency) {
        TestDatabase database = SharedInfrastructure.freshDatabase("worker_benchmark");
        String prefix = TestTopics.forClass(WorkerBenchmark.class);
        try (CalendarStandIn standIn = CalendarStandIn.start(CalendarStandInSettings.builder()
                        .threads(64)
                        .callLogCapacity(4 * deletions)
                        .build());
                Pipeline pipeline = new Pipeline(database, prefix);
                TestWorker worker = TestWorker.start(database, prefix, standIn, settings(), Map.of())) {
            Instant purgeAfter = Instant.now().plusSeconds(3600);
            List<Block> blocks = prepare(pipeline, new StandInEvents(standIn), deletions, owners, purgeAfter);
            blocks.forEach(pipeline::publishSoftDeleted);
            awaitCount(pipeline, "select count(*) from deletion_tasks", deletions);
            standIn.updateSettings(s -> s.latency(latency));
            standIn.clearCalls();
            // the grace period ends now for all of them at once: a bulk purge falling due
            pipeline.jdbc().update("update blocks set purge_after = ?", of(Instant.now()));
            pipeline.jdbc()
                    .update(
                            "update deletion_tasks set due_at = ?, purge_after = ?",
                            of(Instant.now()),
                            of(Instant.now()));
            awaitCount(pipeline, "select count(*) from deletion_receipts", deletions);
            report(latency, deletions, pipeline, standIn.calls());
        }
    }

    private static Map<String, Object> settings() {
        return Map.of(
                "deletion.worker.rate-limit.per-owner-per-minute", "100000000",
                "deletion.worker.rate-limit.per-project-per-minute", "100000000",
                "deletion.worker.dispatch.round-size", "2000",
                "deletion.worker.dispatch.per-owner-round-size", "1000",
                "deletion.worker.dispatch.dispatchers", "3",
                "deletion.worker.google.max-concurrent-requests", "32",
                "deletion.worker.dispatch.claim-lease", "2m",
                "logging.level.root", "WARN");
    }

    private static List<Block> prepare(
            Pipeline pipeline, StandInEvents events, int deletions, int owners, Instant purgeAfter) {
        List<UUID> ownerIds =
                IntStream.range(0, owners).mapToObj(i -> pipeline.newOwner()).toList();
        List<Block> blocks = Collections.synchronizedList(new ArrayList<>());
        IntStream.range(0, deletions).parallel().forEach(i -> {
            UUID owner = ownerIds.get(i % owners);
            String calendar = "bench-" + owner;
            blocks.add(pipeline.softDeleted(owner, calendar, events.insert(calendar), purgeAfter));
        });
        return blocks;
    }

    private static void awaitCount(Pipeline pipeline, String sql, int expected) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (Instant.now().isBefore(deadline)) {
            Integer count = pipeline.jdbc().queryForObject(sql, Integer.class);
            if (count != null && count >= expected) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Timed out waiting for " + expected + ": " + sql);
    }

    private static void report(Duration latency, int deletions, Pipeline pipeline, List<CallRecord> calls) {
        List<HardDeleteConfirmed> confirmations = pipeline.jdbc()
                .query(
                        "select payload::text from outbox",
                        (row, n) -> EventJson.mapper().readValue(row.getString(1), HardDeleteConfirmed.class));
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
        long httpRequests = calls.stream()
                .filter(c -> c.batchId() == null || c.path().startsWith("/batch/"))
                .count();
        double seconds = Duration.between(first, last).toMillis() / 1000.0;
        System.out.printf(
                "google latency %4d ms: %d deletions in %.2f s = %.0f deletions/s; %.4f Google HTTP requests per"
                        + " deletion; claim-to-confirm p50 %d ms, p99 %d ms%n",
                latency.toMillis(),
                deletions,
                seconds,
                deletions / seconds,
                (double) httpRequests / deletions,
                latencies.get(latencies.size() / 2),
                latencies.get((int) Math.min(latencies.size() - 1, Math.round(latencies.size() * 0.99))));
    }
}

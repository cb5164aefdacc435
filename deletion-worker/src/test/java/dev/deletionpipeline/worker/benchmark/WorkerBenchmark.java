package dev.deletionpipeline.worker.benchmark;

import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Throughput of the worker against the Google Calendar stand-in: deletions per second, Google HTTP requests per
 * deletion and claim-to-confirm latency, at 0 ms and at 50 ms of Google latency, plus where the worker's database time
 * went. Prints a line per latency and writes {@code target/bench/worker-bench.json}. Not a test: run it with the
 * command in deletion-worker/README.md. Arguments: deletions (default 20000), owners (default 10), Google latencies in
 * ms (default 0,50). A smaller unmeasured run first lets the JIT compile the hot paths.
 */
public final class WorkerBenchmark {

    private static final Map<String, Object> SETTINGS = Map.of(
            "deletion.worker.rate-limit.per-owner-per-minute", "100000000",
            "deletion.worker.rate-limit.per-project-per-minute", "100000000",
            "deletion.worker.dispatch.round-size", "2000",
            "deletion.worker.dispatch.per-owner-round-size", "1000",
            "deletion.worker.dispatch.dispatchers", "3",
            "deletion.worker.google.max-concurrent-requests", "32",
            "deletion.worker.dispatch.claim-lease", "2m",
            "logging.level.root", "WARN");

    private WorkerBenchmark() {}

    public static void main(String[] args) {
        int deletions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int owners = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Duration> latencies = Arrays.stream((args.length > 2 ? args[2] : "0,50").split(","))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms.strip())))
                .toList();
        StatementTimings sql = new StatementTimings();
        run(Math.max(500, deletions / 10), owners, Duration.ZERO, sql);
        System.out.println("(warm-up done)");
        List<BenchmarkRun> runs = new ArrayList<>();
        for (Duration latency : latencies) {
            BenchmarkRun run = run(deletions, owners, latency, sql);
            System.out.println(run.summary());
            runs.add(run);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("deletions", deletions);
        parameters.put("owners", owners);
        parameters.put("workerSettings", SETTINGS);
        Path report = BenchmarkReport.write(parameters, runs);
        System.out.println("report: " + report.toAbsolutePath());
        System.exit(0);
    }

    private static BenchmarkRun run(int deletions, int owners, Duration latency, StatementTimings sql) {
        try (WorkerTestStack stack = WorkerTestStack.forClass(WorkerBenchmark.class)
                .standIn(CalendarStandInSettings.builder()
                        .threads(64)
                        .callLogCapacity(4 * deletions)
                        .build())
                .workerSettings(SETTINGS)
                .workerBeans(Map.of("statementTimings", sql))
                .withWorker()) {
            Pipeline pipeline = stack.pipeline();
            CalendarStandIn standIn = stack.standIn();
            Instant purgeAfter = Instant.now().plusSeconds(3600);
            pipeline.publishSoftDeleted(prepare(pipeline, stack.events(), deletions, owners, purgeAfter));
            awaitCount(pipeline, "select count(*) from deletion_tasks", deletions);
            standIn.updateSettings(s -> s.latency(latency));
            standIn.clearCalls();
            sql.reset();
            // the grace period ends now for all of them at once: a bulk purge falling due
            pipeline.jdbc().update("update blocks set purge_after = ?", param(Instant.now()));
            pipeline.jdbc()
                    .update(
                            "update deletion_tasks set due_at = ?, purge_after = ?",
                            param(Instant.now()),
                            param(Instant.now()));
            awaitCount(pipeline, "select count(*) from deletion_receipts", deletions);
            return BenchmarkRun.of(latency, confirmations(pipeline), standIn.calls(), sql);
        }
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

    private static List<HardDeleteConfirmed> confirmations(Pipeline pipeline) {
        return pipeline.jdbc()
                .query(
                        "select payload::text from outbox",
                        (row, n) -> EventJson.mapper().readValue(row.getString(1), HardDeleteConfirmed.class));
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
}

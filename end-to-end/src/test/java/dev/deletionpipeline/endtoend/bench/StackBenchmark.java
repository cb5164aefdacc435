package dev.deletionpipeline.endtoend.bench;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.endtoend.bench.BenchData.Owner;
import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import dev.deletionpipeline.endtoend.bench.BenchStack.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The stack-level benchmark (README, Benchmarks): {@code ./mvnw -B -pl end-to-end -am -Pbench verify}. Starts the local
 * stack as separate processes, seeds it, measures the plain-Debezium baseline, two bulk deletions through the whole
 * pipeline (stand-in latency 0 ms and 20 ms), single deletes at a steady rate, the plain-JDBC baseline against the API's
 * max single-delete throughput at the same concurrency, the stack's memory and a 100,000-block bulk soft delete, in
 * that order, with each process's CPU per deletion in the bulk and max-throughput runs; then, on a stack of its own
 * with Google's real quotas, the {@link QuotaRun}. {@code -Dbench.scenarios=quota} (or {@code throughput}) runs one
 * of the two. Writes {@code target/bench/report.json} and {@code report.md} and prints the table.
 */
public final class StackBenchmark {

    private static final Duration DRAIN = Duration.ofMinutes(10);
    private static final int WARM_UP_PER_OWNER = 250;
    // single DELETEs sent before the latency run, not measured: the bulk runs never call DELETE /v1/blocks/{id}
    private static final int SINGLE_WARM_UP_PER_OWNER = 250;
    private static final int SINGLE_WARM_UP_CLIENTS = 4;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(15);
    // "quiet": the whole stack below half a core over a window of two seconds (idle, it takes about a third)
    private static final double QUIET_CORES = 0.5;
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(2);
    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(3);

    private StackBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchParameters parameters = BenchParameters.fromSystemProperties();
        BenchReport report = new BenchReport();
        report.put("generated_at", Instant.now().toString());
        report.put("machine", Machine.describe());
        report.put("parameters", parameters.asMap());
        Path stackDirectory = Path.of(System.getProperty("bench.stack-dir", "target/bench-stack"))
                .toAbsolutePath();
        // each scenario on a stack of its own (grace period and the worker's quotas are launch settings); one CPU table
        // for both
        AtomicReference<BenchStack> current = new AtomicReference<>();
        CpuPerPhase cpu = new CpuPerPhase(() -> StackProcesses.withBenchmark(current.get()));
        report.put("cpu", cpu);
        report.put("cpu_jit_ms_per_deletion", cpu.jit());
        report.put("context_switches_per_deletion", cpu.switches());
        if (parameters.scenarios().contains(BenchParameters.THROUGHPUT)) {
            try (BenchStack stack = BenchStack.start(stackDirectory, Scenario.THROUGHPUT)) {
                current.set(stack);
                log("stack up: " + stack.endpoints().apiUrl());
                new StackBenchmark().measure(stack, parameters, report, cpu);
            } catch (Exception | AssertionError e) {
                // a part that failed (e.g. the stack was stopped from outside) leaves the others' numbers in the report
                report.put("error", String.valueOf(e));
                e.printStackTrace();
            }
        }
        if (parameters.scenarios().contains(BenchParameters.QUOTA)) {
            try (BenchStack stack = BenchStack.start(stackDirectory, Scenario.QUOTA)) {
                current.set(stack);
                log("stack with Google's quotas up: " + stack.endpoints().apiUrl());
                measureQuota(stack, parameters, report, cpu);
            } catch (Exception | AssertionError e) {
                report.put("quota_error", String.valueOf(e));
                e.printStackTrace();
            }
        }
        report.put("load_average_end", Machine.loadAverage());
        report.conclude(parameters.scenarios());
        Path directory = Path.of(System.getProperty("bench.report-dir", "target/bench"));
        report.write(directory);
        System.out.println(report.markdown());
        log("written: " + directory.toAbsolutePath().resolve("report.json"));
        System.exit(0);
    }

    private static void measureQuota(BenchStack stack, BenchParameters parameters, BenchReport report, CpuPerPhase cpu)
            throws Exception {
        StandInControl standIn = new StandInControl(stack.endpoints().calendarUrl());
        PgStatements statements = new PgStatements(stack.endpoints().jdbcUrl());
        report.put("quota_pg_statements_per_deletion", statements.asMap());
        try (Pipeline pipeline = new Pipeline(stack.endpoints().kafkaBootstrap())) {
            QuotaRun.Result quota = new QuotaRun(
                            new ApiClient(stack.endpoints().apiUrl()),
                            standIn,
                            pipeline,
                            new BenchData(dataSource(stack), standIn),
                            cpu,
                            statements)
                    .run(parameters);
            report.put("quota_project_share", quota.projectShare());
            report.put("quota_rate_limited_share", quota.rateLimitedShare());
            report.put("quota_small_owner_latency_ms", quota.smallOwner());
            report.put("quota_run", quota.details());
            log("quota run: " + quota);
        }
    }

    private static PGSimpleDataSource dataSource(BenchStack stack) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(stack.endpoints().jdbcUrl());
        dataSource.setUser("deletion");
        dataSource.setPassword("deletion");
        return dataSource;
    }

    private void measure(BenchStack stack, BenchParameters parameters, BenchReport report, CpuPerPhase cpu)
            throws Exception {
        PGSimpleDataSource dataSource = dataSource(stack);
        StandInControl standIn = new StandInControl(stack.endpoints().calendarUrl());
        ApiClient api = new ApiClient(stack.endpoints().apiUrl());
        BenchData data = new BenchData(dataSource, standIn);
        try (Pipeline pipeline = new Pipeline(stack.endpoints().kafkaBootstrap())) {
            List<Owner> owners = data.owners(parameters.owners());
            int perOwner = parameters.bulkBlocks() / parameters.owners();
            List<Target> warmUpBlocks = data.calendars(owners, "bench-warm-up", WARM_UP_PER_OWNER, true);
            List<Target> bulk0 = data.calendars(owners, "bench-bulk-0ms", perOwner, true);
            List<Target> bulk20 = data.calendars(owners, "bench-bulk-20ms", perOwner, true);
            List<Target> singleWarmUp = data.calendars(owners, "bench-single-warm-up", SINGLE_WARM_UP_PER_OWNER, true);
            List<Target> singles =
                    data.calendars(owners, "bench-single", parameters.singleDeletes() / owners.size(), true);
            int maxPerOwner = parameters.maxDeletes() / owners.size();
            List<Target> rawJdbc = data.calendars(owners, "bench-raw-jdbc", maxPerOwner, false);
            List<Target> apiMax = data.calendars(owners, "bench-api-max", maxPerOwner, false);
            data.analyze();
            log("seeded");

            RawCdcRelay.Result cdc = new RawCdcRelay(
                            dataSource,
                            stack.endpoints().jdbcUrl(),
                            stack.endpoints().kafkaBootstrap())
                    .run(bulk0.size(), owners.size(), cpu);
            report.put("raw_cdc_relay_per_s", cdc.perSecond());
            log("raw CDC relay: " + cdc);

            BulkRun bulk = new BulkRun(api, standIn, pipeline);
            // not measured: the relay first decodes the seeding's WAL (every change, also of tables it does not
            // publish), and the JIT compiles the hot paths; a small deletion through the whole pipeline absorbs both
            Map<String, Object> warmUp = bulk.run(owners, "bench-warm-up", warmUpBlocks, 0);
            log("warm-up: " + warmUp);
            PgStatements statements = new PgStatements(stack.endpoints().jdbcUrl());
            report.put("pg_statements_per_deletion", statements.asMap());
            statements.begin();
            CpuPerPhase.Reading cpuBefore = cpu.read();
            Map<String, Object> at0 = bulk.run(owners, "bench-bulk-0ms", bulk0, 0);
            logCpu("bulk_0ms", cpu.end("bulk_0ms", cpuBefore, bulk0.size()));
            statements.end("bulk_0ms", bulk0.size());
            log("bulk at 0 ms: " + at0);
            String at20Phase = "bulk_" + parameters.googleLatencyMs() + "ms";
            statements.begin();
            cpuBefore = cpu.read();
            Map<String, Object> at20 = bulk.run(owners, "bench-bulk-20ms", bulk20, parameters.googleLatencyMs());
            logCpu(at20Phase, cpu.end(at20Phase, cpuBefore, bulk20.size()));
            statements.end(at20Phase, bulk20.size());
            log("bulk at " + parameters.googleLatencyMs() + " ms: " + at20);
            report.put("e2e_deletions_per_s", at0.get("e2e_deletions_per_s"));
            report.put("google_http_requests_per_deletion", at0.get("google_http_requests_per_deletion"));
            report.put("runs", List.of(at0, at20));

            warmUpSingleDeletes(api, standIn, pipeline, singleWarmUp, parameters.googleLatencyMs());
            awaitQuiet(cpu);
            CpuPerPhase.Reading idleFrom = cpu.read();
            LockSupport.parkNanos(IDLE_WINDOW.toNanos());
            CpuPerPhase.Reading idleTo = cpu.read();
            Map<String, Double> idle = CpuPerPhase.perSecond(idleFrom, idleTo);
            report.put("idle_cpu_ms_per_s", idle);
            report.put("idle_context_switches_per_s", CpuPerPhase.switchesPerSecond(idleFrom, idleTo));
            log("CPU ms per second with nothing asked: " + idle);
            statements.begin();
            cpuBefore = cpu.read();
            LatencyRun.Result latency = new LatencyRun(new OpenLoopLoad(api), standIn, pipeline, dataSource)
                    .run(singles, parameters.rate(), parameters.warmupSeconds(), parameters.googleLatencyMs());
            // at a steady rate the stack carries, unlike api_max: what a single deletion costs when nothing queues
            logCpu("latency_run", cpu.end("latency_run", cpuBefore, singles.size()));
            statements.end("latency_run", singles.size());
            report.put("e2e_latency_ms", latency.e2e());
            report.put("cdc_latency_ms", latency.cdc());
            report.put("api_delete_latency_ms", latency.api());
            report.put("latency_run", latency.details());
            log("latency run: " + latency);

            // a client of its own: the latency run may have left the other one with connections the API has since
            // closed
            maxThroughput(
                    parameters,
                    report,
                    pipeline,
                    dataSource,
                    new ApiClient(stack.endpoints().apiUrl()),
                    rawJdbc,
                    apiMax,
                    cpu,
                    statements);
            ProcessMemory.Reading memory = ProcessMemory.read(StackProcesses.of(stack));
            log("memory: " + memory);
            report.put("rss_mb", memory.rssMb());
            report.put("rss_mb_total", memory.rssTotal());
            report.put("pss_mb", memory.pssMb());
            report.put("pss_mb_total", memory.pssTotal());
            // the launcher hosts the Kafka broker and the Google stand-in, which production runs elsewhere
            report.put(
                    "pss_mb_pipeline_only",
                    Percentiles.round(memory.pssTotal() - memory.pssMb().getOrDefault("launcher", 0.0)));
            bigBulk(parameters, report, data, api);
            ProcessMemory.Reading end = ProcessMemory.read(StackProcesses.of(stack));
            report.put("peak_rss_mb", end.peakMb());
            report.put("peak_rss_mb_total", end.peakTotal());
        }
    }

    /**
     * Before the latency run, the single-delete path through the whole stack, closed-loop with a few clients, until all
     * are confirmed: the bulk runs never call it, and the JIT's first compilations of it belong to no measured run.
     */
    private static void warmUpSingleDeletes(
            ApiClient api, StandInControl standIn, Pipeline pipeline, List<Target> targets, int googleLatencyMs)
            throws Exception {
        standIn.setLatency(googleLatencyMs);
        ClosedLoopLoad.Result result = ClosedLoopLoad.run(
                SINGLE_WARM_UP_CLIENTS, targets.size(), () -> index -> api.delete(targets.get(index)) == 202);
        pipeline.awaitConfirmed(
                targets.stream().map(Target::blockId).toList(), targets.size() - result.failed(), DRAIN);
        log("single-delete warm-up: " + result);
    }

    /**
     * Waits until the stack has caught up with the runs before (the reconciler takes tens of seconds after a bulk run to
     * track its records, and until then takes a core): a latency run started earlier measures that backlog's queueing.
     */
    private static void awaitQuiet(CpuPerPhase cpu) {
        AtomicReference<CpuPerPhase.Reading> last = new AtomicReference<>(cpu.read());
        await().atMost(QUIET_TIMEOUT)
                .pollDelay(QUIET_WINDOW)
                .pollInterval(QUIET_WINDOW)
                .until(() -> {
                    CpuPerPhase.Reading now = cpu.read();
                    double busy =
                            CpuPerPhase.perSecond(last.getAndSet(now), now).get("total") / 1000;
                    return busy < QUIET_CORES;
                });
    }

    private static void maxThroughput(
            BenchParameters parameters,
            BenchReport report,
            Pipeline pipeline,
            PGSimpleDataSource dataSource,
            ApiClient api,
            List<Target> rawJdbc,
            List<Target> apiMax,
            CpuPerPhase cpu,
            PgStatements statements)
            throws Exception {
        statements.begin();
        CpuPerPhase.Reading cpuBefore = cpu.read();
        ClosedLoopLoad.Result raw = ClosedLoopLoad.run(
                parameters.concurrency(), rawJdbc.size(), RawJdbcSoftDelete.over(dataSource, rawJdbc));
        pipeline.awaitConfirmed(rawJdbc.stream().map(Target::blockId).toList(), rawJdbc.size() - raw.failed(), DRAIN);
        logCpu("raw_jdbc", cpu.end("raw_jdbc", cpuBefore, rawJdbc.size() - raw.failed()));
        statements.end("raw_jdbc", rawJdbc.size() - raw.failed());
        log("raw JDBC: " + raw);
        statements.begin();
        cpuBefore = cpu.read();
        ClosedLoopLoad.Result viaApi = ClosedLoopLoad.run(
                parameters.concurrency(), apiMax.size(), () -> index -> api.delete(apiMax.get(index)) == 202);
        pipeline.awaitConfirmed(apiMax.stream().map(Target::blockId).toList(), apiMax.size() - viaApi.failed(), DRAIN);
        logCpu("api_max", cpu.end("api_max", cpuBefore, apiMax.size() - viaApi.failed()));
        statements.end("api_max", apiMax.size() - viaApi.failed());
        log("API max: " + viaApi);
        report.put("raw_jdbc_soft_delete_per_s", raw.perSecond());
        report.put("api_max_deletes_per_s", viaApi.perSecond());
        report.put("max_throughput_failures", Map.of("raw_jdbc", raw.failed(), "api", viaApi.failed()));
    }

    private static void bigBulk(BenchParameters parameters, BenchReport report, BenchData data, ApiClient api)
            throws Exception {
        Owner owner = data.owners(1).get(0);
        data.calendars(List.of(owner), "bench-big", parameters.bigBulkBlocks(), false);
        data.analyze();
        long start = System.nanoTime();
        int status = api.deleteCalendar(owner, "bench-big");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 202) {
            throw new IllegalStateException("The big bulk deletion answered " + status);
        }
        report.put("bulk_soft_delete_100k_s", Math.round(seconds * 1000) / 1000.0);
        log("big bulk: " + seconds + " s");
    }

    private static void logCpu(String phase, Map<String, Double> perDeletion) {
        log("CPU ms per deletion, " + phase + ": " + perDeletion);
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }
}

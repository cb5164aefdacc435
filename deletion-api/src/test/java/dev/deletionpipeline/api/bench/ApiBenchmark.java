package dev.deletionpipeline.api.bench;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiClient;
import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.api.bench.BenchData.Target;
import dev.deletionpipeline.api.bench.BenchReport.Bulk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The benchmark command of deletion-api: single-delete latency at a fixed request rate, commit-to-Kafka latency of
 * their events, and the time of one bulk soft delete of 100,000 blocks against the 5 s goal. Everything runs in this
 * JVM on loopback ({@link BenchStack}); a run takes about two minutes and ends with the process. Settings in
 * {@link BenchSettings}; the report goes to stdout and to {@code target/bench/api-bench.json}.
 */
public final class ApiBenchmark {

    private static final int SINGLE_DELETE_OWNERS = 8;

    private final BenchSettings settings;
    private final BenchStack stack;
    private final BenchData data;
    private final CpuMeter cpu;

    private ApiBenchmark(BenchSettings settings, BenchStack stack) {
        this.settings = settings;
        this.stack = stack;
        this.data = new BenchData(stack.dataSource());
        this.cpu = stack.cpuMeter();
    }

    public static void main(String[] args) {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        BenchReport.Machine machine = BenchReport.Machine.atStart();
        int status = 0;
        try (BenchStack stack = BenchStack.start(settings.output().getParent())) {
            BenchReport report = new ApiBenchmark(settings, stack).run(machine);
            report.write(settings.output());
            report.print(System.out);
            System.out.println("  written to " + settings.output().toAbsolutePath());
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // the embedded broker and the relay leave non-daemon threads behind; the run is over
        System.exit(status);
    }

    private BenchReport run(BenchReport.Machine machine) {
        List<Target> warmUp = data.singleDeleteTargets("warm-up-", SINGLE_DELETE_OWNERS, settings.warmUpRequests() + 1);
        List<Target> measured = data.singleDeleteTargets("single-", SINGLE_DELETE_OWNERS, settings.measuredRequests());
        TestOwner bulkOwner = data.owner();
        Set<String> bulkBlocks = keys(data.syncedBlocks(bulkOwner.id(), "bulk", settings.bulkBlocks()));
        data.syncedBlocks(bulkOwner.id(), "kept", 1_000);
        data.vacuumAnalyze();
        OpenLoopLoad load = new OpenLoopLoad(stack.apiPort());
        try (LifecycleWatcher watcher = new LifecycleWatcher(stack.kafkaBootstrapServers())) {
            awaitFirstEvent(load, warmUp.get(0), watcher);
            load.run(warmUp.subList(1, warmUp.size()), settings.rate());
            stack.checkpoint();
            CpuMeter.Usage cpuBefore = cpu.used();
            List<OpenLoopLoad.Sample> samples = load.run(measured, settings.rate());
            awaitAll(keys(measured.stream().map(Target::blockId).toList()), watcher);
            SinglePhase single =
                    new SinglePhase(settings, samples, watcher, cpu.used().since(cpuBefore));
            stack.checkpoint();
            Bulk bulk = bulkDelete(bulkOwner, bulkBlocks, watcher);
            return new BenchReport(
                    Instant.now(), machine.atEnd(), single.singleDeletes(), single.commitToKafka(), bulk);
        }
    }

    /** The relay streams once the first event came through; the engine may need a while to find its slot. */
    private void awaitFirstEvent(OpenLoopLoad load, Target first, LifecycleWatcher watcher) {
        load.run(List.of(first), 1);
        String key = first.blockId().toString();
        await().atMost(Duration.ofMinutes(2)).until(() -> watcher.arrival(key) != null);
    }

    private Bulk bulkDelete(TestOwner owner, Set<String> blocks, LifecycleWatcher watcher) {
        ApiClient api = new ApiClient(stack.apiPort());
        CpuMeter.Usage cpuBefore = cpu.used();
        long sent = System.nanoTime();
        Answer answer = api.post("/v1/deletions", owner.token(), "{\"calendarId\":\"bulk\"}");
        double seconds = secondsSince(sent);
        CpuMeter.Usage used = cpu.used().since(cpuBefore);
        if (answer.status() != 202) {
            throw new IllegalStateException("Bulk delete answered " + answer.status() + ": "
                    + answer.raw().body());
        }
        boolean complete = awaitAll(blocks, watcher);
        Double untilAllOnKafka = complete
                ? (blocks.stream()
                                        .mapToLong(k -> watcher.arrival(k).nanos())
                                        .max()
                                        .orElseThrow()
                                - sent)
                        / 1e9
                : null;
        double goal = settings.bulkGoal().toMillis() / 1000.0;
        return new Bulk(
                blocks.size(),
                answer.json().get("blocks").asInt(),
                seconds,
                new BenchReport.Cpu(used.jvmNanos() / 1e9, used.postgresNanos() / 1e9),
                goal,
                seconds <= goal,
                watcher.arrived(blocks),
                untilAllOnKafka);
    }

    private boolean awaitAll(Set<String> keys, LifecycleWatcher watcher) {
        return within(settings.relayTimeout(), () -> watcher.arrived(keys) == keys.size());
    }

    private static boolean within(Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static Set<String> keys(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.toSet());
    }

    private static double secondsSince(long nanos) {
        return Math.round((System.nanoTime() - nanos) / 1e6) / 1000.0;
    }
}

package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.endtoend.ComposedStack.ServiceInstance;
import dev.deletionpipeline.endtoend.Invariants.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline keeps its promises through crashes and outages (profile {@code faults}, about 8 minutes): while bulk
 * deletions of 10,500 blocks in all flow through it, one fault after another — kill -9 of the worker, of deletion-api
 * with its embedded relay, of the reconciler (each restarted), a Kafka broker restart, a PostgreSQL restart, Google
 * unreachable for 60 s (connections refused), a 429 storm. Then, once everything settled, from the database, the
 * stand-in's call log and the topics: 0 lost, 0 premature, 0 duplicated (see {@link Invariants}), no unexpected 5xx
 * from the API. The counts and the faults are the suite's last output lines.
 */
class FaultSuiteIT {

    private static final int WAVES = 7;
    private static final int WAVE_SIZE = 1_500;
    private static final Duration GOOGLE_DOWN = Duration.ofSeconds(60);
    private static final Duration RATE_LIMIT_STORM = Duration.ofSeconds(20);
    private static final List<String> REPORT = new ArrayList<>();
    private static final AtomicLong STORM_ANSWERS = new AtomicLong();

    private static ComposedStack stack;
    private static ServiceInstance api;
    private static ServiceInstance worker;
    private static ServiceInstance reconciler;

    @BeforeAll
    static void startStack() {
        Path data = Path.of("target", "fault-stack").toAbsolutePath();
        stack = ComposedStack.start(data, 6, settings(data));
        api = stack.startService("deletion-api", "api-1");
        worker = stack.startService("deletion-worker", "worker-1");
        reconciler = stack.startService("reconciler", "reconciler-1");
        stack.awaitHealthy(api, worker, reconciler);
        // a wave takes seconds at the worker, so every fault meets deletions in flight
        stack.calendar().updateSettings(s -> s.latency(Duration.ofMillis(100)));
    }

    /** The end-to-end suites' short settings, and a worker that retries long enough to outlive the faults. */
    static Map<String, String> settings(Path data) {
        Map<String, String> settings = new HashMap<>(EndToEndStack.settings(data));
        settings.put("DELETION_API_BLOCKS_GRACEPERIOD", "3s");
        settings.put("DELETION_WORKER_GOOGLE_BATCHSIZE", "5");
        settings.put("DELETION_WORKER_GOOGLE_MAXCONCURRENTREQUESTS", "4");
        settings.put("DELETION_WORKER_RETRY_MAXATTEMPTS", "40");
        settings.put("DELETION_WORKER_RETRY_MAXBACKOFF", "5s");
        settings.put("DELETION_WORKER_RATELIMIT_MAXSLOWDOWN", "5s");
        return settings;
    }

    @AfterAll
    static void stopStackAndReport() {
        if (stack != null) {
            stack.close();
        }
        REPORT.forEach(System.out::println);
    }

    @Test
    void noDeletionIsLostPrematureOrDuplicatedThroughCrashesRestartsAndGoogleOutages() throws Exception {
        long started = System.nanoTime();
        Clients clients = new Clients(stack.endpoints(api, worker, reconciler));
        BulkWaves bulk = BulkWaves.prepare(clients, "faults", WAVES, WAVE_SIZE);
        List<String> faults = new ArrayList<>();
        try (ApiProbe probe =
                new ApiProbe(clients.api(), bulk.token(), bulk::latestDeletionPath, Duration.ofMillis(500))) {
            inject(bulk, probe, faults, "kill -9 deletion-worker + restart", () -> stack.crashAndRestart(worker));
            inject(bulk, probe, faults, "kill -9 deletion-api (relay) + restart", () -> stack.crashAndRestart(api));
            inject(bulk, probe, faults, "kill -9 reconciler + restart", () -> stack.crashAndRestart(reconciler));
            inject(bulk, probe, faults, "Kafka broker restart", stack::restartKafka);
            inject(bulk, probe, faults, "PostgreSQL restart", () -> restartPostgres(probe));
            inject(bulk, probe, faults, "Google unreachable " + GOOGLE_DOWN.toSeconds() + " s", this::googleDown);
            inject(bulk, probe, faults, "Google 429 storm " + RATE_LIMIT_STORM.toSeconds() + " s", () -> {
                long before = rateLimited();
                clients.standIn().failCalls(Map.of(429, 1.0));
                hold(RATE_LIMIT_STORM);
                clients.standIn().failCalls(Map.of());
                STORM_ANSWERS.set(rateLimited() - before);
                assertThat(STORM_ANSWERS.get())
                        .as("calls answered 429 in the storm")
                        .isPositive();
            });
            Verdict verdict = awaitSettled(clients, bulk.blocks());
            report(verdict, probe, faults, started);
            assertThat(verdict.lost()).as("lost: %s", verdict.examples()).isZero();
            assertThat(verdict.premature())
                    .as("premature: %s", verdict.examples())
                    .isZero();
            assertThat(verdict.duplicated())
                    .as("duplicated: %s", verdict.examples())
                    .isZero();
            assertThat(probe.unexpectedServerErrors()).as("unexpected API 5xx").isEmpty();
            assertThat(verdict.reconcilerDisagrees())
                    .as("blocks whose reconciler status is not their outcome")
                    .isZero();
        }
    }

    /** The next wave, and the fault once the worker is busy with it (some of its blocks hard-deleted, not all). */
    private void inject(BulkWaves bulk, ApiProbe probe, List<String> faults, String fault, Runnable injection) {
        UUID wave = bulk.sendNextWave(probe);
        within(Duration.ofMinutes(3)).until(() -> bulk.hardDeleted(wave) > 0);
        long hardDeletedBefore = bulk.hardDeleted(wave);
        long at = System.nanoTime();
        injection.run();
        faults.add(String.format(
                "%s (wave %d: %d of %d blocks hard-deleted when it began; %.0f s)",
                fault,
                bulk.sent(),
                hardDeletedBefore,
                WAVE_SIZE,
                Duration.ofNanos(System.nanoTime() - at).toMillis() / 1000.0));
    }

    private static long rateLimited() {
        return stack.calendar().calls().stream().filter(c -> c.status() == 429).count();
    }

    private static void restartPostgres(ApiProbe probe) {
        probe.databaseOutage(true);
        try {
            stack.restartPostgres();
            // the API's pool finds out about the restart on its next borrow of each connection
            hold(Duration.ofSeconds(5));
        } finally {
            probe.databaseOutage(false);
        }
    }

    private void googleDown() {
        stack.calendar().refuseConnections();
        try {
            hold(GOOGLE_DOWN);
        } finally {
            stack.calendar().acceptConnections();
        }
    }

    /** Lets time pass while a fault lasts (the pipeline keeps running meanwhile). */
    private static void hold(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    private static Verdict awaitSettled(Clients clients, Map<UUID, String> blocks) {
        try (PipelineTopics topics =
                new PipelineTopics(stack.endpoints(api, worker, reconciler).kafkaBootstrap())) {
            Invariants invariants = new Invariants(clients.database(), topics);
            AtomicReference<Verdict> latest = new AtomicReference<>();
            try {
                within(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofSeconds(5))
                        .until(() -> {
                            latest.set(invariants.check(blocks, stack.calendar().calls()));
                            return latest.get().settled();
                        });
            } catch (ConditionTimeoutException notSettled) {
                latest.set(invariants.check(blocks, stack.calendar().calls()));
            }
            return latest.get();
        }
    }

    private static void report(Verdict verdict, ApiProbe probe, List<String> faults, long started) {
        REPORT.add(String.format(
                "Fault suite: %d blocks soft-deleted in %d bulk deletions; %d confirmed, %d restored, %d dead-lettered;"
                        + " API probed %d times (%d unreachable while it restarted, %d 5xx during the database restart);"
                        + " %d Google calls answered 429 in the storm; reconciler status disagrees for %d; %.0f s in all",
                verdict.blocks(),
                WAVES,
                verdict.confirmed(),
                verdict.restored(),
                verdict.deadLettered(),
                probe.answers(),
                probe.unreachable(),
                probe.serverErrors().size() - probe.unexpectedServerErrors().size(),
                STORM_ANSWERS.get(),
                verdict.reconcilerDisagrees(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0));
        verdict.examples().forEach(example -> REPORT.add("Fault suite: " + example));
        faults.forEach(fault -> REPORT.add("Fault suite: fault injected: " + fault));
        REPORT.add(String.format(
                "Fault suite: lost=%d premature=%d duplicated=%d (unexpected API 5xx=%d)",
                verdict.lost(),
                verdict.premature(),
                verdict.duplicated(),
                probe.unexpectedServerErrors().size()));
    }
}

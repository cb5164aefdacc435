package dev.deletionpipeline.endtoend.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class CpuPerPhaseTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void dividesEachRolesCpuTimeInThePhaseByTheDeletionsAndTheTotalByTheWallTime() {
        ProcessCpu.Reading before = new ProcessCpu.Reading(5 * SECOND, millis(1_000, 400, 0));
        ProcessCpu.Reading after = new ProcessCpu.Reading(15 * SECOND, millis(9_000, 2_400, 4_000));

        Map<String, Double> numbers = CpuPerPhase.perDeletion(before, after, 2_000);

        assertThat(numbers)
                .containsExactly(
                        Map.entry("api", 4.0),
                        Map.entry("postgres", 1.0),
                        Map.entry("bench", 2.0),
                        Map.entry("total", 7.0),
                        Map.entry("cores_busy", 1.4));
    }

    @Test
    void tabulatesThePhasesAsRowsAndTheRolesAsColumns() {
        CpuPerPhase cpu = new CpuPerPhase(() -> Map.of("bench", List.of(ProcessHandle.current())));
        CpuPerPhase.Reading start = new CpuPerPhase.Reading(
                new ProcessCpu.Reading(System.nanoTime() - SECOND, Map.of("bench", 0L)),
                new PerThread.Reading(Map.of("bench", Map.of()), Map.of("bench", Map.of())));

        cpu.end("bulk_0ms", start, 1);
        cpu.end("api_max", start, 1);

        assertThat(cpu.markdown().lines())
                .hasSize(4)
                .startsWith("| CPU ms per deletion | bench | total | cores_busy |", "|---|---|---|---|");
        assertThat(cpu.markdown().lines().skip(2))
                .satisfiesExactly(
                        row -> assertThat(row).matches("\\| bulk_0ms \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|"),
                        row -> assertThat(row).startsWith("| api_max | "));
        assertThat(cpu.asMap()).containsOnlyKeys("bulk_0ms", "api_max");
        assertThat(cpu.switches()).containsOnlyKeys("bulk_0ms", "api_max");
        assertThat(cpu.jit()).containsOnlyKeys("bulk_0ms", "api_max");
    }

    @Test
    void dividesWhatEachRolesThreadsSwitchedInThePhaseByTheDeletionsNotLosingWhatEndedThreadsTookAway() {
        Map<String, Map<Long, Long>> before =
                Map.of("api", Map.of(1L, 1_000L, 2L, 500L), "postgres", Map.of(10L, 9_000L));
        // api thread 2 and backend 10 ended in the phase; api thread 3 and backend 11 began in it
        Map<String, Map<Long, Long>> after =
                Map.of("api", Map.of(1L, 21_000L, 3L, 4_000L), "postgres", Map.of(11L, 5_000L));

        Map<String, Double> numbers = CpuPerPhase.switchesPerDeletion(PerThread.grown(before, after), 1_000);

        assertThat(numbers)
                .containsEntry("api", 24.0)
                .containsEntry("postgres", 5.0)
                .containsEntry("total", 29.0)
                .hasSize(3);
    }

    @Test
    void findsThisJvmsCompilerThreadsAndTheirCpuTime() {
        PerThread.Reading reading = PerThread.read(Map.of("bench", List.of(ProcessHandle.current())));

        // HotSpot starts a C1 and a C2 compiler thread on any machine; by now they have compiled this test
        assertThat(reading.jitMillis().get("bench")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(reading.jitMillis().get("bench").values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isPositive();
        assertThat(PerThread.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(PerThread.isCompilerThread("http-nio-8080-e")).isFalse();
    }

    @Test
    void countsVoluntaryAndInvoluntarySwitchesOfAThread() {
        assertThat(PerThread.ofStatus(List.of(
                        "Name:\tjava",
                        "Threads:\t1",
                        "voluntary_ctxt_switches:\t1200",
                        "nonvoluntary_ctxt_switches:\t34")))
                .isEqualTo(1234);
    }

    @Test
    void countsEachTimeAThreadOfTheProcessBlocks() throws InterruptedException {
        Map<String, List<ProcessHandle>> self = Map.of("bench", List.of(ProcessHandle.current()));
        PerThread.Reading before = PerThread.read(self);
        CountDownLatch counted = new CountDownLatch(1);
        Thread blocker = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                // a timed park always blocks in the kernel: one switch away from the thread each time
                LockSupport.parkNanos(1_000_000);
            }
            awaitQuietly(counted);
        });
        blocker.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        PerThread.grown(before.switches(), PerThread.read(self).switches())
                                        .get("bench")
                                >= 50);
        counted.countDown();
        blocker.join();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Long> millis(long api, long postgres, long bench) {
        Map<String, Long> millis = new LinkedHashMap<>();
        millis.put("api", api);
        millis.put("postgres", postgres);
        millis.put("bench", bench);
        return millis;
    }
}

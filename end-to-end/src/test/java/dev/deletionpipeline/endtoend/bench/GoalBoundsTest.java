package dev.deletionpipeline.endtoend.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The numbers are those of a real run (12:44 on 2026-12-07 and 13:49), so the statements read as an operator sees them. */
class GoalBoundsTest {

    private static final Map<String, Map<String, Double>> CPU = Map.of(
            "api_max",
            ordered(
                    "api",
                    2.33,
                    "worker",
                    0.91,
                    "reconciler",
                    0.53,
                    "launcher",
                    0.67,
                    "postgres",
                    2.08,
                    "bench",
                    0.93,
                    "total",
                    7.45,
                    "cores_busy",
                    1.87),
            "bulk_0ms",
            ordered(
                    "api",
                    0.23,
                    "worker",
                    0.33,
                    "reconciler",
                    0.21,
                    "launcher",
                    0.37,
                    "postgres",
                    0.36,
                    "bench",
                    0.12,
                    "total",
                    1.62,
                    "cores_busy",
                    1.84),
            "latency_run",
            ordered("api", 3.36, "total", 14.84, "cores_busy", 1.46));

    @Test
    void aCpuGoalSaysHowTheCostDividesOverTheProcessesAndWhatMeetingItWouldTake() {
        String bound = bounds(Map.of()).cpuPerDeletion("api_max", 6.0);

        assertThat(bound)
                .startsWith("CPU spread over the processes: api 2.33 (31 %), postgres 2.08 (28 %), bench 0.93 (12 %),"
                        + " worker 0.91 (12 %), launcher 0.67 (9 %), reconciler 0.53 (7 %)")
                .contains("the goal needs 1.45 ms (19 %) less: the largest share alone would have to fall by 62 %")
                .contains("without the benchmark's own load generator and recorders (0.93 ms, counted as in issue 15's"
                        + " baseline) 6.52")
                .endsWith("1.87 of 2 cores busy");
    }

    @Test
    void aCpuGoalFurtherAwayThanTheLargestShareSaysThatNoOneProcessCanCloseIt() {
        assertThat(bounds(Map.of()).cpuPerDeletion("bulk_0ms", 1.0))
                .contains("the goal needs 0.62 ms (38 %) less: more than the largest share, so no one process can close"
                        + " it");
    }

    @Test
    void aCpuGoalSaysWhetherPublishingTheConfirmationWithoutTheOutboxCouldCloseIt() {
        Map<String, Map<String, Double>> cpu = new LinkedHashMap<>(CPU);
        // the plain-Debezium baseline of the 20:49 run on 2026-12-07
        cpu.put(
                RawCdcRelay.CPU_PHASE,
                ordered("api", 0.01, "launcher", 0.07, "bench", 0.31, "total", 0.40, "cores_busy", 1.89));
        GoalBounds bounds = new GoalBounds(Map.of("machine", Map.of("cores", 2)), cpu);

        assertThat(bounds.cpuPerDeletion("api_max", 7.1))
                .endsWith("1.87 of 2 cores busy; publishing HardDeleteConfirmed without the outbox saves at most one"
                        + " relay crossing per deletion, 0.40 ms (the plain-Debezium baseline's CPU per relayed row): it"
                        + " could at best close the gap");
        assertThat(bounds.cpuPerDeletion("api_max", 6.0))
                .endsWith("0.40 ms (the plain-Debezium baseline's CPU per relayed row): it cannot close the gap");
        assertThat(bounds.cpuPerDeletion("bulk_0ms", 1.35))
                .endsWith("0.23 ms (deletion-api's whole CPU here, whose relay carries it; the baseline's CPU per"
                        + " relayed row is 0.40): it cannot close the gap");
    }

    @Test
    void aRateAgainstABaselineSaysTheRateTheCoresAllowAtTheMeasuredCostAndTheCostTheGoalNeeds() {
        String bound = bounds(Map.of())
                .cpuBoundRate("api_max", "single DELETEs at the API's maximum ran", 0.5, "plain JDBC", 2035.8);

        assertThat(bound)
                .isEqualTo("single DELETEs at the API's maximum ran at 7.45 ms CPU per deletion across the stack, 1.87"
                        + " of 2 cores busy: 2 cores allow at most 268/s = 0.13 of plain JDBC (2036/s); 1018/s needs"
                        + " ≤ 1.96 ms per deletion on 2 cores, or 8 cores at today's cost");
    }

    @Test
    void anAbsoluteRateGoalNeedsNoBaseline() {
        assertThat(bounds(Map.of()).cpuBoundRate("bulk_0ms", "the 0 ms bulk ran", 5_000, null, null))
                .contains("2 cores allow at most 1235/s; 5000/s needs ≤ 0.40 ms per deletion on 2 cores, or 9 cores");
    }

    @Test
    void aLatencyGoalNamesTheStepsLargestP99First() {
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("soft_delete_to_kafka", Map.of("p50", 60.6, "p99", 119.2));
        steps.put("kafka_to_google_answer", Map.of("p50", 33.3, "p99", 71.2));
        steps.put("hard_delete_to_kafka", Map.of("p50", 79.3, "p99", 127.7));

        String bound =
                bounds(Map.of("latency_run", Map.of("e2e_steps_ms", steps))).latency();

        assertThat(bound)
                .startsWith("p99 of each step, largest first: hard_delete_to_kafka 128, soft_delete_to_kafka 119,"
                        + " kafka_to_google_answer 71.2 ms")
                .endsWith("1.46 of 2 cores busy");
    }

    @Test
    void theRssSumIsExplainedByPostgresSharedBuffersCountedPerBackend() {
        String bound = bounds(Map.of(
                        "rss_mb", ordered("api", 296.8, "postgres", 2766.5),
                        "pss_mb", ordered("api", 279.7, "postgres", 258.3),
                        "pss_mb_pipeline_only", 1164.9))
                .memory("rss_mb");

        assertThat(bound)
                .startsWith("rss_mb by process, largest first: postgres 2767, api 297")
                .contains("once per backend (postgres PSS 258)")
                .endsWith("without the launcher (Kafka and the Calendar stand-in, which production does not run in one"
                        + " JVM) 1165");
    }

    @Test
    void aReportPutsTheBoundOnlyNextToMissedGoals() {
        BenchReport report = new BenchReport();
        report.put("machine", Map.of("cores", 2));
        report.put("pss_mb", ordered("launcher", 452.5, "api", 279.7));
        report.put("pss_mb_total", 1617.4);
        report.put("e2e_latency_ms", new Percentiles(2500, 173.9, 232.6, 262.1, 309.9));

        report.conclude(Set.of(BenchParameters.THROUGHPUT));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> goals = (List<Map<String, Object>>) report.get("goals");
        assertThat(goals)
                .filteredOn(goal -> goal.get("goal").equals("whole stack memory, pss_mb_total"))
                .singleElement()
                .satisfies(goal -> assertThat(goal)
                        .containsEntry("met", false)
                        .containsEntry("bound", "pss_mb by process, largest first: launcher 453, api 280"));
        assertThat(goals)
                .filteredOn(goal -> goal.get("goal").toString().startsWith("e2e_latency_ms.p99"))
                .singleElement()
                .satisfies(goal -> assertThat(goal).containsEntry("met", true).doesNotContainKey("bound"));
        assertThat(report.markdown())
                .contains("| goal: whole stack memory, pss_mb_total <= 1536.0 | 1617.4 — **missed**; bound: pss_mb by"
                        + " process, largest first: launcher 453, api 280 |");
    }

    private static GoalBounds bounds(Map<String, Object> more) {
        Map<String, Object> keys = new LinkedHashMap<>(more);
        keys.put("machine", Map.of("cores", 2));
        return new GoalBounds(keys, CPU);
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return map;
    }
}

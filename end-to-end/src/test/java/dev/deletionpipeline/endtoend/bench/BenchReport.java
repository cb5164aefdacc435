package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The benchmark's report: the measured keys (numbers), the ratios to the baselines, the goals each with its target,
 * measurement and verdict, the machine and the parameters; written as {@code report.json} and as a Markdown table
 * ({@code report.md}, also printed).
 */
final class BenchReport {

    private static final double E2E_VS_RAW_CDC_GOAL = 0.5;
    private static final double E2E_PER_S_GOAL = 5_000;
    private static final double E2E_P99_GOAL_MS = 500;
    private static final double RSS_GOAL_MB = 1536;
    // issue 15's goals
    private static final double API_VS_RAW_JDBC_GOAL = 0.5;
    private static final double CPU_SINGLE_GOAL_MS = 6.0;
    private static final double CPU_BULK_0MS_GOAL_MS = 2.0;
    private static final double CPU_BULK_20MS_GOAL_MS = 1.2;
    private static final double PSS_NOT_ABOVE_MB = 1778;
    private static final double QUOTA_PROJECT_SHARE_GOAL = 0.90;
    private static final double QUOTA_RATE_LIMITED_GOAL = 0.01;
    // "within a few seconds"
    private static final double QUOTA_SMALL_OWNER_P99_GOAL_MS = 5_000;

    private final Map<String, Object> keys = new LinkedHashMap<>();

    void put(String key, Object value) {
        keys.put(key, value);
    }

    Object get(String key) {
        return keys.get(key);
    }

    /** Adds the ratios and the goals of the scenarios that ran, once every measurement is in. */
    void conclude(Set<String> scenarios) {
        List<Map<String, Object>> goals = new ArrayList<>();
        if (scenarios.contains(BenchParameters.THROUGHPUT)) {
            concludeThroughput(goals);
        }
        if (scenarios.contains(BenchParameters.QUOTA)) {
            GoalBounds bounds = bounds();
            double p99 = keys.get("quota_small_owner_latency_ms") instanceof Percentiles latency
                    ? latency.p99()
                    : Double.NaN;
            goals.add(goal(
                    "quota: share of the project quota used (accepted calls per minute / 10,000)",
                    ">=",
                    QUOTA_PROJECT_SHARE_GOAL,
                    number("quota_project_share"),
                    bounds::quota));
            goals.add(goal(
                    "quota: share of Google calls answered 429/403",
                    "<=",
                    QUOTA_RATE_LIMITED_GOAL,
                    number("quota_rate_limited_share"),
                    bounds::quota));
            goals.add(goal(
                    "quota: small owner's single deletion, purgeAfter → confirmed, p99 ms while the bulk runs",
                    "<=",
                    QUOTA_SMALL_OWNER_P99_GOAL_MS,
                    p99,
                    bounds::quota));
        }
        keys.put("goals", goals);
    }

    private void concludeThroughput(List<Map<String, Object>> goals) {
        double e2e = number("e2e_deletions_per_s");
        keys.put("e2e_vs_raw_cdc", ratio(e2e, number("raw_cdc_relay_per_s")));
        keys.put("api_vs_raw_jdbc", ratio(number("api_max_deletes_per_s"), number("raw_jdbc_soft_delete_per_s")));
        double p99 = keys.get("e2e_latency_ms") instanceof Percentiles latency ? latency.p99() : Double.NaN;
        GoalBounds bounds = bounds();
        String bulkAt0 = "the 0 ms bulk ran";
        goals.add(goal(
                "e2e_vs_raw_cdc",
                ">=",
                E2E_VS_RAW_CDC_GOAL,
                number("e2e_vs_raw_cdc"),
                () -> bounds.cpuBoundRate(
                        "bulk_0ms", bulkAt0, E2E_VS_RAW_CDC_GOAL, "the raw relay", boxed("raw_cdc_relay_per_s"))));
        goals.add(goal(
                "e2e_deletions_per_s at 0 ms",
                ">=",
                E2E_PER_S_GOAL,
                e2e,
                () -> bounds.cpuBoundRate("bulk_0ms", bulkAt0, E2E_PER_S_GOAL, null, null)));
        Object rate = keys.get("parameters") instanceof Map<?, ?> parameters
                ? parameters.get("single_delete_rate_per_s")
                : "?";
        goals.add(
                goal("e2e_latency_ms.p99 at " + rate + "/s asked, 20 ms", "<=", E2E_P99_GOAL_MS, p99, bounds::latency));
        // PSS: each shared page (PostgreSQL's shared buffers, mapped by every backend) counted once; the plain VmRSS
        // sum counts them once per backend and overstates the stack by more than a GB
        goals.add(goal(
                "whole stack memory, pss_mb_total",
                "<=",
                RSS_GOAL_MB,
                number("pss_mb_total"),
                () -> bounds.memory("pss_mb")));
        goals.add(goal(
                "whole stack memory, rss_mb_total (VmRSS sum)",
                "<=",
                RSS_GOAL_MB,
                number("rss_mb_total"),
                () -> bounds.memory("rss_mb")));
        goals.add(goal(
                "api_vs_raw_jdbc",
                ">=",
                API_VS_RAW_JDBC_GOAL,
                number("api_vs_raw_jdbc"),
                () -> bounds.cpuBoundRate(
                        "api_max",
                        "single DELETEs at the API's maximum ran",
                        API_VS_RAW_JDBC_GOAL,
                        "plain JDBC",
                        boxed("raw_jdbc_soft_delete_per_s"))));
        goals.add(goal(
                "CPU ms per single deletion (api_max), whole stack",
                "<=",
                CPU_SINGLE_GOAL_MS,
                cpuTotal("api_max"),
                () -> bounds.cpuPerDeletion("api_max", CPU_SINGLE_GOAL_MS)));
        goals.add(goal(
                "CPU ms per bulk deletion at 0 ms",
                "<=",
                CPU_BULK_0MS_GOAL_MS,
                cpuTotal("bulk_0ms"),
                () -> bounds.cpuPerDeletion("bulk_0ms", CPU_BULK_0MS_GOAL_MS)));
        goals.add(goal(
                "CPU ms per bulk deletion at 20 ms",
                "<=",
                CPU_BULK_20MS_GOAL_MS,
                cpuTotal("bulk_20ms"),
                () -> bounds.cpuPerDeletion("bulk_20ms", CPU_BULK_20MS_GOAL_MS)));
        goals.add(goal(
                "memory not above issue 15's start, pss_mb_total",
                "<=",
                PSS_NOT_ABOVE_MB,
                number("pss_mb_total"),
                () -> bounds.memory("pss_mb")));
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        keys.forEach((key, value) -> json.put(key, asJson(value)));
        Files.writeString(
                directory.resolve("report.json"),
                EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(directory.resolve("report.md"), markdown());
    }

    private static Object asJson(Object value) {
        if (value instanceof Percentiles p) {
            return p.asMap();
        }
        return value instanceof CpuPerPhase cpu ? cpu.asMap() : value;
    }

    /** The keys as one table, then the CPU per phase as a table of its own. */
    @SuppressWarnings("unchecked")
    String markdown() {
        StringBuilder md = new StringBuilder("| key | value |\n|---|---|\n");
        keys.forEach((key, value) -> {
            if (value instanceof List<?> list && key.equals("goals")) {
                for (Map<String, Object> goal : (List<Map<String, Object>>) list) {
                    md.append("| goal: ")
                            .append(goal.get("goal"))
                            .append(' ')
                            .append(goal.get("comparison"))
                            .append(' ')
                            .append(goal.get("target"))
                            .append(" | ")
                            .append(goal.get("measured"))
                            .append((Boolean) goal.get("met") ? " — **met**" : " — **missed**")
                            .append(goal.get("bound") == null ? "" : "; bound: " + goal.get("bound"))
                            .append(" |\n");
                }
            } else if (!(value instanceof CpuPerPhase)) {
                md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
            }
        });
        keys.values().stream()
                .filter(CpuPerPhase.class::isInstance)
                .forEach(cpu -> md.append('\n').append(((CpuPerPhase) cpu).markdown()));
        return md.toString();
    }

    private static String cell(Object value) {
        if (value instanceof Percentiles p) {
            return "p50 %s / p95 %s / p99 %s (max %s, n=%d)".formatted(p.p50(), p.p95(), p.p99(), p.max(), p.count());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder cell = new StringBuilder();
            map.forEach((k, v) -> cell.append(cell.isEmpty() ? "" : ", ")
                    .append(k)
                    .append(' ')
                    .append(cell(v)));
            return cell.toString();
        }
        if (value instanceof List<?> list) {
            String separator = list.stream().allMatch(Number.class::isInstance) ? " / " : "<br>";
            return list.stream()
                    .map(BenchReport::cell)
                    .reduce((a, b) -> a + separator + b)
                    .orElse("");
        }
        return String.valueOf(value);
    }

    /** NaN for a key that was not measured (a part of the run failed; the report then has an {@code error}). */
    private double number(String key) {
        return keys.get(key) instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    /** The {@code total} CPU ms per deletion of a measured phase; NaN when the phase did not run. */
    private double cpuTotal(String phase) {
        return keys.get("cpu") instanceof CpuPerPhase cpu
                        && cpu.asMap().get(phase) != null
                        && cpu.asMap().get(phase).get("total") != null
                ? cpu.asMap().get(phase).get("total")
                : Double.NaN;
    }

    /** Null (JSON null) when either side is missing. */
    private static Double ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? null : Math.round(1000.0 * a / b) / 1000.0;
    }

    /** Null when the key was not measured. */
    private Double boxed(String key) {
        double value = number(key);
        return Double.isNaN(value) ? null : value;
    }

    private GoalBounds bounds() {
        return new GoalBounds(keys, keys.get("cpu") instanceof CpuPerPhase cpu ? cpu.asMap() : Map.of());
    }

    /** @param bound what bounds the measurement, said with this run's numbers: asked for only when the goal is missed */
    private static Map<String, Object> goal(
            String name, String comparison, double target, double measured, Supplier<String> bound) {
        Map<String, Object> goal = new LinkedHashMap<>();
        boolean met = comparison.equals(">=") ? measured >= target : measured <= target;
        goal.put("goal", name);
        goal.put("comparison", comparison);
        goal.put("target", target);
        goal.put("measured", Double.isNaN(measured) ? null : measured);
        goal.put("met", met);
        if (!met && !Double.isNaN(measured)) {
            goal.put("bound", bound.get());
        }
        return goal;
    }
}

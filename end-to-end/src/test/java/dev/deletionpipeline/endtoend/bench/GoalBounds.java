package dev.deletionpipeline.endtoend.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What bounds a missed goal, said with the same run's numbers: where the CPU per deletion goes, the rate that CPU
 * allows on this machine's cores, the step that dominates a latency, the process that holds the memory. The report
 * puts it next to the goal, so that a missed goal is never just a number.
 */
final class GoalBounds {

    // roles whose CPU is the benchmark's own, not the stack's: the load generator and its topic recorders
    private static final Set<String> NOT_THE_STACK = Set.of("bench");
    private static final Set<String> NOT_A_ROLE = Set.of("total", "cores_busy");
    private static final List<String> QUOTA_COUNTS = List.of(
            "quota_per_project_per_minute",
            "accepted_calls_per_minute_in_window",
            "accepted_per_full_clock_minute_in_window",
            "google_calls",
            "rate_limited_calls",
            "worker_due_backlog",
            "small_owner_non_202");

    private final Map<String, Object> keys;
    private final Map<String, Map<String, Double>> cpu;
    private final int cores;

    GoalBounds(Map<String, Object> keys, Map<String, Map<String, Double>> cpu) {
        this.keys = keys;
        this.cpu = cpu;
        this.cores = keys.get("machine") instanceof Map<?, ?> machine && machine.get("cores") instanceof Number n
                ? n.intValue()
                : Runtime.getRuntime().availableProcessors();
    }

    /** A CPU per deletion goal: how the phase's CPU divides over the processes, and what meeting it would take. */
    String cpuPerDeletion(String phase, double goalMillis) {
        Map<String, Double> numbers = cpu.get(phase);
        if (numbers == null || numbers.get("total") == null) {
            return null;
        }
        double total = numbers.get("total");
        List<Map.Entry<String, Double>> roles = roles(numbers);
        double largest = roles.isEmpty() ? 0 : roles.get(0).getValue();
        double over = total - goalMillis;
        StringBuilder bound = new StringBuilder("CPU spread over the processes: ");
        bound.append(shares(roles, total));
        bound.append("; the goal needs ")
                .append(fmt(over))
                .append(" ms (")
                .append(percent(over / total))
                .append(") less: ")
                .append(
                        over < largest
                                ? "the largest share alone would have to fall by " + percent(over / largest)
                                : "more than the largest share, so no one process can close it");
        double own = NOT_THE_STACK.stream()
                .mapToDouble(role -> numbers.getOrDefault(role, 0.0))
                .sum();
        if (own > 0) {
            bound.append("; without the benchmark's own load generator and recorders (")
                    .append(fmt(own))
                    .append(" ms, counted as in issue 15's baseline) ")
                    .append(fmt(total - own));
        }
        return bound.append(cpuBusy(numbers))
                .append(confirmationCrossing(numbers, over))
                .toString();
    }

    /**
     * Issue 15's lead "publish HardDeleteConfirmed from the worker, not through the outbox" saves at most one relay
     * crossing per deletion: no more than the plain-Debezium baseline's CPU per relayed row, and no more than
     * deletion-api's whole CPU in the phase, whose relay carries that crossing (besides the soft delete and its own
     * event); the produce and the broker's part of it would stay, moved to the worker.
     */
    private String confirmationCrossing(Map<String, Double> phase, double over) {
        Map<String, Double> crossing = cpu.get(RawCdcRelay.CPU_PHASE);
        if (crossing == null || crossing.get("total") == null) {
            return "";
        }
        double perRow = crossing.get("total");
        Double api = phase.get("api");
        boolean apiBounds = api != null && api < perRow;
        double atMost = apiBounds ? api : perRow;
        return "; publishing HardDeleteConfirmed without the outbox saves at most one relay crossing per deletion, "
                + fmt(atMost)
                + " ms ("
                + (apiBounds
                        ? "deletion-api's whole CPU here, whose relay carries it; the baseline's CPU per relayed row is "
                                + fmt(perRow)
                        : "the plain-Debezium baseline's CPU per relayed row")
                + "): "
                + (atMost >= over ? "it could at best close the gap" : "it cannot close the gap");
    }

    /**
     * A rate goal on a CPU-bound phase: the rate this machine's cores allow at the phase's CPU per deletion, and the CPU
     * per deletion the goal's rate would need.
     *
     * @param baseline the baseline the rate is compared with (null for an absolute goal)
     */
    String cpuBoundRate(String phase, String what, double goalRate, String baselineName, Double baseline) {
        Map<String, Double> numbers = cpu.get(phase);
        if (numbers == null || numbers.get("total") == null || numbers.get("total") <= 0) {
            return null;
        }
        double perDeletion = numbers.get("total");
        double ceiling = cores * 1000.0 / perDeletion;
        StringBuilder bound = new StringBuilder(what)
                .append(" at ")
                .append(fmt(perDeletion))
                .append(" ms CPU per deletion across the stack")
                .append(cpuBusy(numbers))
                .append(": ")
                .append(cores)
                .append(" cores allow at most ")
                .append(Math.round(ceiling))
                .append("/s");
        if (baseline != null) {
            bound.append(" = ")
                    .append(fmt(ceiling / baseline))
                    .append(" of ")
                    .append(baselineName)
                    .append(" (")
                    .append(Math.round(baseline))
                    .append("/s)");
        }
        double neededRate = baseline != null ? goalRate * baseline : goalRate;
        return bound.append("; ")
                .append(Math.round(neededRate))
                .append("/s needs ≤ ")
                .append(fmt(cores * 1000.0 / neededRate))
                .append(" ms per deletion on ")
                .append(cores)
                .append(" cores, or ")
                .append((int) Math.ceil(neededRate * perDeletion / 1000.0))
                .append(" cores at today's cost")
                .toString();
    }

    /** The end-to-end p99 at a steady rate: the steps' p99s, the largest first, and how busy the machine was. */
    @SuppressWarnings("unchecked")
    String latency() {
        if (!(keys.get("latency_run") instanceof Map<?, ?> run && run.get("e2e_steps_ms") instanceof Map<?, ?> steps)) {
            return null;
        }
        Map<String, Object> p99s = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) steps)
                .forEach((step, percentiles) -> p99s.put(step, percentiles.get("p99")));
        StringBuilder bound = new StringBuilder("p99 of each step, largest first: ")
                .append(listed(largestFirst(p99s), GoalBounds::fmt))
                .append(" ms (the two relay trips are soft_delete_to_kafka and hard_delete_to_kafka)");
        Map<String, Double> numbers = cpu.get("latency_run");
        return numbers == null
                ? bound.toString()
                : bound.append(cpuBusy(numbers)).toString();
    }

    /** Memory: the processes' PSS, the largest first, and the pipeline's own share without the launcher's engines. */
    String memory(String key) {
        if (!(keys.get(key) instanceof Map<?, ?> byProcess)) {
            return null;
        }
        StringBuilder bound = new StringBuilder(key)
                .append(" by process, largest first: ")
                .append(listed(largestFirst(byProcess), GoalBounds::fmt));
        if (key.equals("rss_mb") && keys.get("pss_mb") instanceof Map<?, ?> pss && pss.get("postgres") != null) {
            bound.append("; the VmRSS sum counts PostgreSQL's shared buffers once per backend (postgres PSS ")
                    .append(fmt(((Number) pss.get("postgres")).doubleValue()))
                    .append("): pss_mb_total is the stack's real footprint");
        }
        if (keys.get("pss_mb_pipeline_only") instanceof Number pipelineOnly) {
            bound.append("; without the launcher (Kafka and the Calendar stand-in, which production does not run in")
                    .append(" one JVM) ")
                    .append(fmt(pipelineOnly.doubleValue()));
        }
        return bound.toString();
    }

    /** The quota goals: the quota run's own counts, which say whether the worker, Google or the load held it back. */
    String quota() {
        if (!(keys.get("quota_run") instanceof Map<?, ?> run)) {
            return null;
        }
        return "quota run: "
                + QUOTA_COUNTS.stream()
                        .filter(key -> run.get(key) != null)
                        .map(key -> key + " " + run.get(key))
                        .collect(Collectors.joining(", "));
    }

    private static List<Map.Entry<String, Double>> roles(Map<String, Double> numbers) {
        Map<String, Double> roles = new LinkedHashMap<>(numbers);
        roles.keySet().removeAll(NOT_A_ROLE);
        return largestFirst(roles);
    }

    private static String shares(List<Map.Entry<String, Double>> roles, double total) {
        return listed(roles, value -> fmt(value) + " (" + percent(value / total) + ")");
    }

    /** Named numbers, the largest first; entries without a number are left out. */
    private static List<Map.Entry<String, Double>> largestFirst(Map<?, ?> numbers) {
        return numbers.entrySet().stream()
                .filter(e -> e.getValue() instanceof Number)
                .map(e -> Map.entry(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue()))
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .toList();
    }

    /** "name value, name value", each value as {@code shown} writes it. */
    private static String listed(List<Map.Entry<String, Double>> entries, Function<Double, String> shown) {
        return entries.stream()
                .map(e -> e.getKey() + " " + shown.apply(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private String cpuBusy(Map<String, Double> numbers) {
        Double busy = numbers.get("cores_busy");
        return busy == null ? "" : ", " + fmt(busy) + " of " + cores + " cores busy";
    }

    private static String percent(double fraction) {
        return Math.round(100 * fraction) + " %";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}

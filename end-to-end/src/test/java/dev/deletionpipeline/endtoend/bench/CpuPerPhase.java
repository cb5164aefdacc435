package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the CPU goes in each measured phase: per role (the stack's processes and the benchmark's own JVM) the CPU
 * milliseconds used per deletion, their total, and {@code cores_busy}, the total CPU seconds over the wall seconds; and,
 * apart, per role, the context switches per deletion and the JIT compilers' CPU ms per deletion ({@link PerThread}),
 * already part of the CPU numbers. A phase runs from before its first
 * request to its last confirmation on Kafka, so each deletion's whole way through the pipeline counts, and so does
 * anything else that ran in that time (e.g. the reconciler's own work).
 */
final class CpuPerPhase {

    /** CPU time, and per thread context switches and the compilers' CPU time, so far, per role. */
    record Reading(ProcessCpu.Reading cpu, PerThread.Reading threads) {}

    private final Supplier<Map<String, List<ProcessHandle>>> processes;
    private final Map<String, Map<String, Double>> phases = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> switches = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> jit = new LinkedHashMap<>();

    /** @param processes role → its processes, listed again at each reading (PostgreSQL's backends come and go) */
    CpuPerPhase(Supplier<Map<String, List<ProcessHandle>>> processes) {
        this.processes = processes;
    }

    Reading read() {
        Map<String, List<ProcessHandle>> now = processes.get();
        return new Reading(ProcessCpu.read(now), PerThread.read(now));
    }

    /** Ends a phase that began at {@code before} and carried {@code deletions}; returns its CPU numbers. */
    Map<String, Double> end(String phase, Reading before, long deletions) {
        Reading after = read();
        Map<String, Double> numbers = perDeletion(before.cpu(), after.cpu(), deletions);
        phases.put(phase, numbers);
        switches.put(
                phase,
                switchesPerDeletion(
                        PerThread.grown(
                                before.threads().switches(), after.threads().switches()),
                        deletions));
        jit.put(
                phase,
                millisPerDeletion(
                        withTotal(PerThread.grown(
                                before.threads().jitMillis(), after.threads().jitMillis())),
                        deletions));
        return numbers;
    }

    /** Per role and {@code total}: CPU ms per deletion (null without deletions); then {@code cores_busy}. */
    static Map<String, Double> perDeletion(ProcessCpu.Reading before, ProcessCpu.Reading after, long deletions) {
        Map<String, Long> millis = millisByRole(before, after);
        Map<String, Double> numbers = millisPerDeletion(millis, deletions);
        double wallMillis = (after.nanoTime() - before.nanoTime()) / 1e6;
        numbers.put("cores_busy", Math.round(100 * millis.get("total") / wallMillis) / 100.0);
        return numbers;
    }

    /**
     * Per role and {@code total}: CPU ms per wall-clock second between the two readings, for a stretch in which nothing
     * was asked of the stack: what its polls, heartbeats and schedules cost on their own.
     */
    static Map<String, Double> perSecond(Reading before, Reading after) {
        return perWallSecond(millisByRole(before.cpu(), after.cpu()), before, after);
    }

    /** Per role and {@code total}: context switches per wall-clock second between the two readings. */
    static Map<String, Double> switchesPerSecond(Reading before, Reading after) {
        return perWallSecond(
                withTotal(PerThread.grown(
                        before.threads().switches(), after.threads().switches())),
                before,
                after);
    }

    private static Map<String, Double> perWallSecond(Map<String, Long> grown, Reading before, Reading after) {
        double wallSeconds = (after.cpu().nanoTime() - before.cpu().nanoTime()) / 1e9;
        Map<String, Double> numbers = new LinkedHashMap<>();
        grown.forEach((role, grew) -> numbers.put(role, Math.round(10.0 * grew / wallSeconds) / 10.0));
        return numbers;
    }

    /** Per role, then {@code total}: the CPU milliseconds spent between the two readings. */
    private static Map<String, Long> millisByRole(ProcessCpu.Reading before, ProcessCpu.Reading after) {
        Map<String, Long> spent = new LinkedHashMap<>();
        after.cpuMillis()
                .forEach((role, millis) ->
                        spent.put(role, millis - before.cpuMillis().getOrDefault(role, 0L)));
        return withTotal(spent);
    }

    /** The same per-role counts, then {@code total}, their sum. */
    private static Map<String, Long> withTotal(Map<String, Long> byRole) {
        Map<String, Long> withTotal = new LinkedHashMap<>(byRole);
        withTotal.put(
                "total", byRole.values().stream().mapToLong(Long::longValue).sum());
        return withTotal;
    }

    /** Per role and {@code total}: context switches per deletion, one decimal. */
    static Map<String, Double> switchesPerDeletion(Map<String, Long> grown, long deletions) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        withTotal(grown)
                .forEach((role, grew) ->
                        numbers.put(role, deletions == 0 ? null : Math.round(10.0 * grew / deletions) / 10.0));
        return numbers;
    }

    Map<String, Map<String, Double>> asMap() {
        return Collections.unmodifiableMap(phases);
    }

    /** Per phase: the JIT compiler threads' CPU ms per deletion, per role and in total (part of {@link #asMap()}). */
    Map<String, Map<String, Double>> jit() {
        return Collections.unmodifiableMap(jit);
    }

    /** Per phase: context switches per deletion per role and in total. */
    Map<String, Map<String, Double>> switches() {
        return Collections.unmodifiableMap(switches);
    }

    /** Rows: the phases; columns: the roles, total and cores busy. */
    String markdown() {
        Set<String> columns = new LinkedHashSet<>();
        phases.values().forEach(numbers -> columns.addAll(numbers.keySet()));
        StringBuilder md = new StringBuilder("| CPU ms per deletion |");
        columns.forEach(column -> md.append(' ').append(column).append(" |"));
        md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        phases.forEach((phase, numbers) -> {
            md.append("| ").append(phase).append(" |");
            columns.forEach(column -> md.append(' ')
                    .append(numbers.get(column) == null ? "" : numbers.get(column))
                    .append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    /** Each role's milliseconds per deletion, to the hundredth (null without deletions). */
    private static Map<String, Double> millisPerDeletion(Map<String, Long> millis, long deletions) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        millis.forEach((role, spent) -> numbers.put(role, hundredths(spent, deletions)));
        return numbers;
    }

    private static Double hundredths(long millis, long deletions) {
        return deletions == 0 ? null : Math.round(100.0 * millis / deletions) / 100.0;
    }
}

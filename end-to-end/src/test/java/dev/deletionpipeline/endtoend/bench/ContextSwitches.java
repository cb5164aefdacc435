package dev.deletionpipeline.endtoend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Context switches so far, of every thread of each role's processes ({@code /proc/<pid>/task/<tid>/status}, voluntary
 * and not). A thread blocks and is woken again for each piece of work it is handed, so switches per deletion tell how
 * many pieces the work of one deletion is cut into. Kept per thread: a thread or process that ends takes its count with
 * it (a PostgreSQL backend or autovacuum worker, a finished pool thread), so what grew is summed over the threads still
 * there, and a phase's count is a lower bound.
 */
final class ContextSwitches {

    /** Per role, per thread id: its context switches so far. */
    record Reading(Map<String, Map<Long, Long>> byRoleAndThread) {}

    private ContextSwitches() {}

    /** @param processes role → the processes it sums */
    static Reading read(Map<String, List<ProcessHandle>> processes) {
        Map<String, Map<Long, Long>> switches = new LinkedHashMap<>();
        processes.forEach((role, handles) -> {
            Map<Long, Long> threads = new HashMap<>();
            handles.forEach(h -> threads.putAll(ofProcess(h.pid())));
            switches.put(role, threads);
        });
        return new Reading(switches);
    }

    /** Per role: how many switches its threads made between the two readings; a thread new since counts whole. */
    static Map<String, Long> grown(Reading before, Reading after) {
        Map<String, Long> grown = new LinkedHashMap<>();
        after.byRoleAndThread().forEach((role, threads) -> {
            Map<Long, Long> was = before.byRoleAndThread().getOrDefault(role, Map.of());
            grown.put(
                    role,
                    threads.entrySet().stream()
                            .mapToLong(t -> Math.max(0, t.getValue() - was.getOrDefault(t.getKey(), 0L)))
                            .sum());
        });
        return grown;
    }

    /** The {@code voluntary_ctxt_switches} and {@code nonvoluntary_ctxt_switches} lines of one status file, summed. */
    static long ofStatus(List<String> status) {
        return status.stream()
                .filter(line ->
                        line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .sum();
    }

    private static Map<Long, Long> ofProcess(long pid) {
        Map<Long, Long> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> ofTask(task)
                    .ifPresent(switches ->
                            threads.put(Long.parseLong(task.getFileName().toString()), switches)));
        } catch (IOException | RuntimeException gone) {
            // the process ended since it was listed
        }
        return threads;
    }

    private static OptionalLong ofTask(Path task) {
        try {
            return OptionalLong.of(ofStatus(Files.readAllLines(task.resolve("status"))));
        } catch (IOException | RuntimeException gone) {
            // the thread ended since the directory was listed
            return OptionalLong.empty();
        }
    }
}

package dev.deletionpipeline.endtoend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Context switches so far per role: of every thread of the role's processes ({@code /proc/<pid>/task/<tid>/status},
 * voluntary and not). A thread blocks and is woken again for each piece of work it is handed, so switches per deletion
 * tell how many pieces the work of one deletion is cut into. A thread or process that ended takes its count with it
 * (a PostgreSQL backend, a finished pool thread), so a phase's count is a lower bound.
 */
final class ContextSwitches {

    private ContextSwitches() {}

    /** @param processes role → the processes it sums */
    static Map<String, Long> read(Map<String, List<ProcessHandle>> processes) {
        Map<String, Long> switches = new LinkedHashMap<>();
        processes.forEach((role, handles) -> switches.put(
                role, handles.stream().mapToLong(h -> ofProcess(h.pid())).sum()));
        return switches;
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

    private static long ofProcess(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToLong(ContextSwitches::ofTask).sum();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long ofTask(Path task) {
        try {
            return ofStatus(Files.readAllLines(task.resolve("status")));
        } catch (IOException | RuntimeException gone) {
            // the thread ended since the directory was listed
            return 0;
        }
    }
}

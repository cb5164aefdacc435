package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counters of every thread of each role's processes, read from {@code /proc/<pid>/task/<tid>/}:
 *
 * <ul>
 *   <li>context switches so far ({@code status}, voluntary and not). A thread blocks and is woken again for each piece
 *       of work it is handed, so switches per deletion tell how many pieces the work of one deletion is cut into;
 *   <li>the CPU milliseconds so far of the JIT's compiler threads ({@code C1/C2 CompilerThread}, from {@code stat}):
 *       what the JVMs spend compiling rather than running the stack's code, which a long-running service no longer pays.
 * </ul>
 *
 * Kept per thread: a thread or process that ends takes its counts with it (a PostgreSQL backend or autovacuum worker, a
 * finished pool thread), so what grew is summed over the threads still there, and a phase's count is a lower bound.
 */
final class PerThread {

    /** Per role, per thread id: context switches so far, and CPU milliseconds so far of the compiler threads. */
    record Reading(Map<String, Map<Long, Long>> switches, Map<String, Map<Long, Long>> jitMillis) {}

    private PerThread() {}

    /** @param processes role → the processes it sums */
    static Reading read(Map<String, List<ProcessHandle>> processes) {
        Map<String, Map<Long, Long>> switches = new LinkedHashMap<>();
        Map<String, Map<Long, Long>> jit = new LinkedHashMap<>();
        processes.forEach((role, handles) -> {
            Map<Long, Long> roleSwitches = new HashMap<>();
            Map<Long, Long> roleJit = new HashMap<>();
            handles.forEach(h -> readProcess(h.pid(), roleSwitches, roleJit));
            switches.put(role, roleSwitches);
            jit.put(role, roleJit);
        });
        return new Reading(switches, jit);
    }

    /** Per role: how much its threads' counter grew between the two readings; a thread new since counts whole. */
    static Map<String, Long> grown(Map<String, Map<Long, Long>> before, Map<String, Map<Long, Long>> after) {
        Map<String, Long> grown = new LinkedHashMap<>();
        after.forEach((role, threads) -> {
            Map<Long, Long> was = before.getOrDefault(role, Map.of());
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

    /** Whether a thread's name ({@code comm}, cut at 15 characters) is one of HotSpot's JIT compiler threads. */
    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    private static void readProcess(long pid, Map<Long, Long> switches, Map<Long, Long> jitMillis) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    switches.put(tid, ofStatus(Files.readAllLines(task.resolve("status"))));
                    if (isCompilerThread(Files.readString(task.resolve("comm")).strip())) {
                        jitMillis.put(tid, ProcessCpu.threadMillis(Files.readString(task.resolve("stat"))));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended since the directory was listed
                }
            });
        } catch (IOException | RuntimeException gone) {
            // the process ended since it was listed
        }
    }
}

package dev.deletionpipeline.localstack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by the stack's processes, per role, from {@code /proc/<pid>/stat}: user and system time of each
 * process plus that of the children it has waited for. The children count because PostgreSQL's backends come and go: one
 * that ends within a phase moves its time into the postmaster's, so the difference of two readings still holds it.
 *
 * <p>The one CPU reader of every benchmark (deletion-api's, the reconciler's, the stack's), so that their CPU numbers
 * measure the same thing.
 */
public final class ProcessCpu {

    /** Linux's USER_HZ: 100 on every architecture the JDK runs on, and the fallback if {@code getconf} fails. */
    private static final long USER_HZ = 100;

    /** The unit of the times in {@code /proc/<pid>/stat} (sysconf {@code _SC_CLK_TCK}). */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    /** One reading: per role, the CPU milliseconds used so far; taken at {@code nanoTime} ({@link System#nanoTime()}). */
    public record Reading(long nanoTime, Map<String, Long> cpuMillis) {}

    private ProcessCpu() {}

    /** @param processes role → the processes it sums */
    public static Reading read(Map<String, List<ProcessHandle>> processes) {
        long now = System.nanoTime();
        Map<String, Long> millis = new LinkedHashMap<>();
        processes.forEach((role, handles) ->
                millis.put(role, handles.stream().mapToLong(h -> ticks(h.pid())).sum() * 1000 / TICKS_PER_SECOND));
        return new Reading(now, millis);
    }

    /**
     * utime + stime + cutime + cstime (fields 14 to 17 of proc(5)) of one {@code stat} line, in clock ticks.
     */
    static long ticks(String stat) {
        String[] fields = fieldsAfterName(stat);
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    /** CPU milliseconds used so far by one thread, from its {@code /proc/<pid>/task/<tid>/stat} line (utime + stime). */
    public static long threadMillis(String stat) {
        String[] fields = fieldsAfterName(stat);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND;
    }

    /**
     * The fields of a {@code stat} line after the command name, from field 3 (the state) on: counted from the last ')',
     * as the name before it is in parentheses and may itself hold spaces and parentheses.
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
    }

    /** CPU milliseconds used so far by this JVM. */
    public static long ownMillis() {
        return read(Map.of("own", List.of(ProcessHandle.current()))).cpuMillis().get("own");
    }

    /** The postmaster (from its {@code postmaster.pid}) and every process it started. */
    public static List<ProcessHandle> postgres(Path dataDirectory) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            return Stream.concat(Stream.of(postmaster), postmaster.descendants())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("No postmaster.pid in " + dataDirectory, e);
        }
    }

    private static long ticks(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            // ended since it was listed; its time is in its parent's cutime by the next reading
            return 0;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String answer = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : USER_HZ;
        } catch (IOException | RuntimeException e) {
            return USER_HZ;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return USER_HZ;
        }
    }
}

package dev.deletionpipeline.endtoend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory of the stack's processes from {@code /proc/<pid>/status}: {@code VmRSS} now and {@code VmHWM} (its
 * peak since the process started), in MB. PostgreSQL is the postmaster plus all its children summed; each of them
 * counts the shared buffers it has touched, so the sum overstates PostgreSQL's real use (also reported: {@code Pss},
 * which divides shared pages among the processes that share them).
 */
final class ProcessMemory {

    /** One reading: per process name, MB. */
    record Reading(Map<String, Double> rssMb, Map<String, Double> peakMb, Map<String, Double> pssMb) {

        double rssTotal() {
            return total(rssMb);
        }

        double peakTotal() {
            return total(peakMb);
        }

        double pssTotal() {
            return total(pssMb);
        }

        private static double total(Map<String, Double> mb) {
            return Percentiles.round(
                    mb.values().stream().mapToDouble(Double::doubleValue).sum());
        }
    }

    private ProcessMemory() {}

    /** @param processes name → the processes it sums */
    static Reading read(Map<String, List<ProcessHandle>> processes) {
        Map<String, Double> rss = new LinkedHashMap<>();
        Map<String, Double> peak = new LinkedHashMap<>();
        Map<String, Double> pss = new LinkedHashMap<>();
        processes.forEach((name, handles) -> {
            rss.put(name, sum(handles, "/status", "VmRSS:"));
            peak.put(name, sum(handles, "/status", "VmHWM:"));
            pss.put(name, sum(handles, "/smaps_rollup", "Pss:"));
        });
        return new Reading(rss, peak, pss);
    }

    private static double sum(List<ProcessHandle> handles, String file, String field) {
        long kb = 0;
        for (ProcessHandle handle : handles) {
            kb += kilobytes(Path.of("/proc", Long.toString(handle.pid()) + file), field);
        }
        return Percentiles.round(kb / 1024.0);
    }

    private static long kilobytes(Path file, String field) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(
                            line.substring(field.length()).replace("kB", "").strip()))
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}

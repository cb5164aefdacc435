package dev.deletionpipeline.api.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by the whole benchmark: this JVM (API, relay, Kafka broker, client) plus the PostgreSQL server and its
 * backends, read from {@code /proc} on Linux (elsewhere they count as 0; a backend that has exited no longer counts,
 * but the connection pool's and the WAL sender's live as long as the run). On a shared machine the wall-clock numbers
 * depend on everybody else's load, CPU time per unit of work much less: it tells what the work costs.
 */
final class CpuMeter {

    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}. */
    private static final long TICKS_PER_SECOND = 100;

    private final long postmasterPid;

    /** @param postgresData the data directory of the PostgreSQL server whose processes count too */
    CpuMeter(Path postgresData) {
        this.postmasterPid = postmasterPid(postgresData);
    }

    /** CPU nanoseconds used so far, by this JVM and by the PostgreSQL server's live processes. */
    record Usage(long jvmNanos, long postgresNanos) {

        Usage since(Usage earlier) {
            return new Usage(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
        }

        long totalNanos() {
            return jvmNanos + postgresNanos;
        }
    }

    Usage used() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long postgres = ProcessHandle.of(postmasterPid)
                .map(p -> Stream.concat(Stream.of(p), p.descendants()))
                .orElseGet(Stream::empty)
                .mapToLong(p -> processNanos(p.pid()))
                .sum();
        return new Usage(jvm, postgres);
    }

    private static long postmasterPid(Path postgresData) {
        try {
            return Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command name, which is in parentheses and may contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

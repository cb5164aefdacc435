package dev.deletionpipeline.reconciler.benchmark;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of this JVM (reconciler and in-process broker) and, from the JVM's thread accounting, of the Kafka Streams
 * threads alone. On a machine others
 * share, CPU time per record varies much less than records per wall-clock second, so the benchmark reports both.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {}

    /** This JVM's CPU time, by the benchmarks' one reader. */
    static long processCpuNanos() {
        return ProcessCpu.ownMillis() * 1_000_000;
    }

    /** CPU time of the live threads whose name contains {@code part}. */
    static long threadsCpuNanos(String part) {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(part)) {
                total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}

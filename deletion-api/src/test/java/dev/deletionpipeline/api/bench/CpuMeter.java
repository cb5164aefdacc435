package dev.deletionpipeline.api.bench;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by the whole benchmark: this JVM (API, relay, Kafka broker, client) plus the PostgreSQL server and its
 * backends, read by the benchmarks' one reader ({@link ProcessCpu}). On a shared machine the wall-clock numbers depend
 * on everybody else's load, CPU time per unit of work much less: it tells what the work costs.
 */
final class CpuMeter {

    private final Path postgresData;

    /** @param postgresData the data directory of the PostgreSQL server whose processes count too */
    CpuMeter(Path postgresData) {
        this.postgresData = postgresData;
    }

    /** CPU nanoseconds used so far, by this JVM and by the PostgreSQL server. */
    record Usage(long jvmNanos, long postgresNanos) {

        Usage since(Usage earlier) {
            return new Usage(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos);
        }

        long totalNanos() {
            return jvmNanos + postgresNanos;
        }
    }

    Usage used() {
        Map<String, Long> millis = ProcessCpu.read(
                        Map.of("jvm", List.of(ProcessHandle.current()), "postgres", ProcessCpu.postgres(postgresData)))
                .cpuMillis();
        return new Usage(millis.get("jvm") * 1_000_000, millis.get("postgres") * 1_000_000);
    }
}

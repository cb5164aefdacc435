package dev.deletionpipeline.api.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one benchmark run measured, as printed and as written to {@code target/bench/api-bench.json}.
 *
 * @param machine where it ran: the numbers mean little without it
 */
record BenchReport(
        Instant finishedAt, Machine machine, SingleDeletes singleDeletes, CommitToKafka commitToKafka, Bulk bulk) {

    /**
     * @param loadAverageAtStart the one-minute load average before the stack started: other work on the machine
     * @param loadAverageAtEnd the same when the last phase ended, this run's own load included
     */
    record Machine(int cores, double loadAverageAtStart, double loadAverageAtEnd, String java) {

        static Machine atStart() {
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    loadAverage(),
                    Double.NaN,
                    System.getProperty("java.version"));
        }

        Machine atEnd() {
            return new Machine(cores, loadAverageAtStart, loadAverage(), java);
        }

        private static double loadAverage() {
            return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
        }
    }

    /**
     * @param answers how many requests got which status; {@code "none"} for no answer within 30 s or a failed connection
     * @param latency from each request's intended start (open loop) to its answer
     * @param cpuMillisPerRequest CPU time per request, its event's way to Kafka included: {@code cores * 1000 /
     *     total} is about the rate the machine could carry if the run had it to itself
     */
    record SingleDeletes(
            int rate,
            long seconds,
            int requests,
            long accepted,
            Map<String, Long> answers,
            Percentiles latency,
            Cpu cpuMillisPerRequest) {}

    /**
     * @param from202 from the client's receipt of the 202 (the transaction committed before it) to the consumer's
     *     receipt of the block's event
     * @param fromOutboxCreatedAt from the outbox row's {@code created_at} (its transaction's start) to the consumer's
     *     receipt
     */
    record CommitToKafka(long events, long missing, Percentiles from202, Percentiles fromOutboxCreatedAt) {}

    /**
     * @param seconds from sending {@code POST /v1/deletions} to its 202: one transaction, blocks and outbox
     * @param cpuSeconds CPU time used meanwhile (mostly the PostgreSQL backend of the transaction and the WAL sender
     *     decoding it)
     * @param secondsUntilAllOnKafka from sending it until the last of its events reached the consumer; null when not
     *     all of them arrived within the relay timeout
     */
    record Bulk(
            int blocks,
            int answeredBlocks,
            double seconds,
            Cpu cpuSeconds,
            double goalSeconds,
            boolean goalMet,
            long eventsOnKafka,
            Double secondsUntilAllOnKafka) {}

    /**
     * CPU time, split by process.
     *
     * @param jvm this JVM: API, relay, Kafka broker, benchmark client
     * @param postgres the PostgreSQL server: backends and the WAL sender that decodes for the relay
     */
    record Cpu(double jvm, double postgres) {

        Cpu {
            jvm = Math.round(jvm * 100) / 100.0;
            postgres = Math.round(postgres * 100) / 100.0;
        }

        @JsonProperty("total")
        double total() {
            return Math.round((jvm + postgres) * 100) / 100.0;
        }

        @Override
        public String toString() {
            return "%.2f (JVM %.2f + PostgreSQL %.2f)".formatted(total(), jvm, postgres);
        }
    }

    void print(PrintStream out) {
        out.println();
        out.printf(
                "deletion-api benchmark (%d cores, load average %.2f at start, %.2f at end)%n",
                machine.cores(), machine.loadAverageAtStart(), machine.loadAverageAtEnd());
        out.printf(
                "  single DELETE at %d req/s for %d s: %d/%d accepted %s; latency from intended start: %s%n",
                singleDeletes.rate(),
                singleDeletes.seconds(),
                singleDeletes.accepted(),
                singleDeletes.requests(),
                singleDeletes.answers(),
                singleDeletes.latency());
        out.printf("  CPU per single delete, relay included: %s ms%n", singleDeletes.cpuMillisPerRequest());
        out.printf("  commit-to-Kafka, 202 -> consumer: %s%n", commitToKafka.from202());
        out.printf("  commit-to-Kafka, outbox created_at -> consumer: %s%n", commitToKafka.fromOutboxCreatedAt());
        out.printf("  events missing on Kafka: %d of %d%n", commitToKafka.missing(), commitToKafka.events());
        out.printf(
                "  bulk soft delete of %,d blocks: %.2f s, CPU %s s (goal <= %.0f s: %s); all %s events on Kafka after %s%n",
                bulk.blocks(),
                bulk.seconds(),
                bulk.cpuSeconds(),
                bulk.goalSeconds(),
                bulk.goalMet() ? "PASS" : "MISS",
                bulk.eventsOnKafka(),
                bulk.secondsUntilAllOnKafka() == null
                        ? "(not within the timeout)"
                        : bulk.secondsUntilAllOnKafka() + " s");
    }

    void write(Path file) {
        JsonMapper json =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json.writeValueAsString(this) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}

package dev.deletionpipeline.reconciler.benchmark;

import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.reconciler.ReconcilerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Measures the reconciler as it runs in production (the Spring Boot application with {@code application.yml}), against
 * an in-process Kafka broker on this machine: {@code bench.deletions} deletions (2 input records each) are written
 * first, then the reconciler starts, and the clock runs until {@code deletion.status.v1} holds a CONFIRMED status for
 * every block (read committed). Writes {@code target/bench/reconciler-bench.json}, with the memory at the end
 * ({@link MemoryMeter}).
 *
 * <p>System properties: {@code bench.deletions} (default 20000), {@code bench.partitions} (3), {@code bench.overrides}
 * (comma-separated {@code key=value} application settings to try, e.g.
 * {@code spring.kafka.streams.properties.commit.interval.ms=1000}), {@code bench.jfr} (a file: a JFR recording with the
 * {@code profile} settings, from the reconciler's start to the last CONFIRMED status).
 */
public final class ReconcilerBenchmark {

    private static final Path OUT = Path.of("target", "bench");

    private ReconcilerBenchmark() {}

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the broker's threads would keep the JVM alive
        }
        System.exit(0);
    }

    private static void run() throws IOException {
        int n = Integer.getInteger("bench.deletions", 20_000);
        int partitions = Integer.getInteger("bench.partitions", 3);
        List<String> overrides = overrides(System.getProperty("bench.overrides", ""));
        String loadBefore = loadAverage();
        try (LocalKafka kafka = LocalKafka.start(OUT.resolve("kafka").toAbsolutePath(), partitions)) {
            BenchmarkInput.produce(kafka.bootstrapServers(), n);
            Instant started = Instant.now();
            long cpuBefore = CpuMeter.processCpuNanos();
            try (Profile profile = Profile.start(System.getProperty("bench.jfr", ""));
                    ConfigurableApplicationContext app = start(kafka.bootstrapServers(), overrides);
                    StatusReader statuses = new StatusReader(kafka.bootstrapServers())) {
                StatusReader.Span span = statuses.awaitConfirmed(n, Duration.ofMinutes(10));
                Instant done = Instant.now();
                profile.dump();
                Map<String, Object> memory = MemoryMeter.measure(
                        app.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams());
                Map<String, Object> result = result(n, partitions, overrides, started, done, span, loadBefore);
                result.put("processCpuMsPer1000InputRecords", (CpuMeter.processCpuNanos() - cpuBefore) / 2_000L / n);
                result.put(
                        "streamThreadsCpuMsPer1000InputRecords", CpuMeter.threadsCpuNanos("StreamThread") / 2_000L / n);
                result.put("memoryAtEnd", memory);
                write(result);
            }
        }
    }

    private static ConfigurableApplicationContext start(String bootstrap, List<String> overrides) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.datasource.url=jdbc:postgresql://localhost:1/unused",
                "--deletion.reconciler.sweep.enabled=false",
                "--deletion.reconciler.application-server=localhost:1",
                "--deletion.reconciler.application-id=reconciler-bench",
                "--deletion.reconciler.state-dir="
                        + OUT.resolve("state-" + ProcessHandle.current().pid())));
        overrides.forEach(override -> args.add("--" + override));
        return new SpringApplicationBuilder(ReconcilerApplication.class).run(args.toArray(String[]::new));
    }

    private static Map<String, Object> result(
            int n,
            int partitions,
            List<String> overrides,
            Instant started,
            Instant done,
            StatusReader.Span span,
            String loadBefore) {
        double endToEnd = Duration.between(started, done).toMillis() / 1000.0;
        double processing = Math.max(0.001, span.lastMs() - span.firstMs()) / 1000.0;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("at", Instant.now().toString());
        result.put("deletions", n);
        result.put("inputRecords", 2 * n);
        result.put("partitions", partitions);
        result.put("overrides", overrides);
        result.put("endToEndSeconds", endToEnd);
        result.put("processingSeconds", processing);
        result.put("inputRecordsPerSecond", Math.round(2 * n / processing));
        result.put("deletionsPerSecond", Math.round(n / processing));
        result.put("inputRecordsPerSecondIncludingStartup", Math.round(2 * n / endToEnd));
        result.put("statusRecords", span.records());
        result.put("loadAverageBefore", loadBefore);
        result.put("loadAverageAfter", loadAverage());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        return result;
    }

    private static void write(Map<String, Object> result) throws IOException {
        Files.createDirectories(OUT);
        String json = EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        Files.writeString(OUT.resolve("reconciler-bench.json"), json);
        System.out.println(json);
    }

    private static List<String> overrides(String text) {
        return text.isBlank() ? List.of() : List.of(text.split(","));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A JFR recording when {@code bench.jfr} names a file, else nothing. */
    private static final class Profile implements AutoCloseable {

        private final Recording recording;
        private final Path file;

        private Profile(Recording recording, Path file) {
            this.recording = recording;
            this.file = file;
        }

        static Profile start(String file) throws IOException {
            if (file.isBlank()) {
                return new Profile(null, null);
            }
            try {
                Recording recording = new Recording(Configuration.getConfiguration("profile"));
                recording.start();
                return new Profile(recording, Path.of(file).toAbsolutePath());
            } catch (java.text.ParseException e) {
                throw new IOException(e);
            }
        }

        void dump() throws IOException {
            if (recording != null) {
                recording.stop();
                recording.dump(file);
                System.out.println("JFR recording: " + file);
            }
        }

        @Override
        public void close() {
            if (recording != null) {
                recording.close();
            }
        }
    }

    /** Reads {@code deletion.status.v1} (read committed) until every block has a CONFIRMED status. */
    private static final class StatusReader implements AutoCloseable {

        record Span(long firstMs, long lastMs, long records) {}

        private final KafkaConsumer<String, String> consumer;

        StatusReader(String bootstrap) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed",
                            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                            5000),
                    new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELETION_STATUS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Span awaitConfirmed(int n, Duration timeout) {
            Set<String> confirmed = new HashSet<>();
            long first = Long.MAX_VALUE;
            long last = 0;
            long records = 0;
            Instant deadline = Instant.now().plus(timeout);
            while (confirmed.size() < n) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Only " + confirmed.size() + " of " + n + " confirmed in time");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                    if (record.value() != null && record.value().contains("\"state\":\"CONFIRMED\"")) {
                        confirmed.add(record.key());
                    }
                }
            }
            return new Span(first, last, records);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

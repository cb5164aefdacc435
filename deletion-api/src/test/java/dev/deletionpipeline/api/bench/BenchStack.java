package dev.deletionpipeline.api.bench;

import dev.deletionpipeline.api.DeletionApiApplication;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import dev.deletionpipeline.localstack.testing.StopOnExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything the benchmark runs against, on loopback and in this JVM: PostgreSQL 17 with logical decoding and
 * {@code synchronous_commit=on} (a fresh cluster under {@code target/bench}, deleted on close), a KRaft Kafka broker
 * with the contract topics, and deletion-api with its embedded relay on, as {@code application.yml} configures it
 * except for the endpoints and the switched-off side jobs (command consumer, withdrawal purge, outbox cleanup).
 */
final class BenchStack implements AutoCloseable {

    private static final String DATABASE = "api_bench";

    private final Path directory;
    private final LocalPostgres postgres;
    private final LocalKafka kafka;
    private final ConfigurableApplicationContext api;
    private final StopOnExit stopOnExit;
    private boolean closed;

    private BenchStack(Path directory, LocalPostgres postgres, LocalKafka kafka, ConfigurableApplicationContext api) {
        this.directory = directory;
        this.postgres = postgres;
        this.kafka = kafka;
        this.api = api;
        this.stopOnExit = StopOnExit.closing("bench-stack", this);
    }

    /** Starts the three parts; when one fails, stops those already started, so no PostgreSQL process is left. */
    static BenchStack start(Path root) {
        Path directory = root.resolve("run-" + ProcessHandle.current().pid()).toAbsolutePath();
        LocalPostgres postgres = LocalPostgres.start(directory.resolve("postgres"), 0);
        LocalKafka kafka = null;
        try {
            postgres.createDatabase(DATABASE);
            postgres.migrate(DATABASE);
            kafka = LocalKafka.start(directory.resolve("kafka"), 3);
            return new BenchStack(directory, postgres, kafka, startApi(postgres, kafka));
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            postgres.close();
            deleteRecursively(directory);
            throw e;
        }
    }

    private static ConfigurableApplicationContext startApi(LocalPostgres postgres, LocalKafka kafka) {
        // as command-line arguments, which win over application.yml (default properties would not)
        String[] arguments = apiProperties(postgres, kafka).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(DeletionApiApplication.class).run(arguments);
    }

    private static Map<String, Object> apiProperties(LocalPostgres postgres, LocalKafka kafka) {
        return Map.ofEntries(
                Map.entry("server.port", 0),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("logging.level.root", "WARN"),
                Map.entry("spring.datasource.url", postgres.jdbcUrl(DATABASE)),
                Map.entry("spring.datasource.username", LocalPostgres.USER),
                Map.entry("spring.datasource.password", LocalPostgres.PASSWORD),
                Map.entry("spring.kafka.bootstrap-servers", kafka.bootstrapServers()),
                // the benchmark's 100,000-block bulk deletion measures the soft delete itself, not the confirmation
                Map.entry("deletion.api.deletions.confirmation-threshold", Integer.MAX_VALUE),
                Map.entry("deletion.api.requests.enabled", false),
                Map.entry("deletion.api.withdrawal.purge-enabled", false),
                Map.entry("deletion.relay.enabled", true),
                Map.entry("deletion.relay.slot-name", "bench_relay"),
                Map.entry("deletion.relay.kafka.offset-topic", "bench.relay-offsets"),
                Map.entry("deletion.relay.cleanup.enabled", false));
    }

    int apiPort() {
        return api.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    CpuMeter cpuMeter() {
        return new CpuMeter(directory.resolve("postgres"));
    }

    DataSource dataSource() {
        return postgres.dataSource(DATABASE);
    }

    /** A checkpoint, so that every measured phase starts from the same state of the WAL. */
    void checkpoint() {
        postgres.executeAsSuperuser("CHECKPOINT");
    }

    @Override
    public synchronized void close() {
        stopOnExit.cancel();
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        kafka.close();
        postgres.close();
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}

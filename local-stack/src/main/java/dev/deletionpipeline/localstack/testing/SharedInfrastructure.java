package dev.deletionpipeline.localstack.testing;

import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use and stopped when the JVM exits. Integration
 * tests get a fresh database each ({@link #freshDatabase}) and use their own topic prefix or consumer groups, so the
 * engines are shared but the tests are not. With {@code -Pcontainers} on a machine with Docker, the engines are
 * Testcontainers containers instead ({@link ContainerEngines}).
 */
public final class SharedInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres postgres;
    private static LocalKafka kafka;

    private SharedInfrastructure() {}

    /** PostgreSQL with its files in {@code target/it-postgres} of the module under test. */
    public static synchronized LocalPostgres postgres() {
        if (postgres == null && ContainerEngines.requested()) {
            postgres = ContainerEngines.postgres();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "it-postgres-stop"));
        }
        if (postgres == null) {
            Path data = Path.of(
                    "target", "it-postgres", "data-" + ProcessHandle.current().pid());
            postgres = LocalPostgres.start(data.toAbsolutePath(), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "it-postgres-stop"));
        }
        return postgres;
    }

    /** A KRaft broker with every contract topic, 3 partitions each. */
    public static synchronized LocalKafka kafka() {
        if (kafka == null && ContainerEngines.requested()) {
            kafka = ContainerEngines.kafka(3);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "it-kafka-stop"));
        }
        if (kafka == null) {
            kafka = LocalKafka.start(
                    Path.of(
                                    "target",
                                    "it-kafka",
                                    "kafka-" + ProcessHandle.current().pid())
                            .toAbsolutePath(),
                    3);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "it-kafka-stop"));
        }
        return kafka;
    }

    /** A new database with the pipeline's schema applied; the name starts with the given prefix. */
    public static TestDatabase freshDatabase(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        LocalPostgres pg = postgres();
        pg.createDatabase(name);
        pg.migrate(name);
        return new TestDatabase(
                name, pg.jdbcUrl(name), LocalPostgres.USER, LocalPostgres.PASSWORD, pg.dataSource(name));
    }
}

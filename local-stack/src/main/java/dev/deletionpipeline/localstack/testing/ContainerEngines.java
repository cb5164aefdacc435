package dev.deletionpipeline.localstack.testing;

import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL as Testcontainers containers, for machines with Docker: the integration tests run against them
 * when the system property {@value #PROPERTY} is {@code containers} (Maven profile {@code containers}) and against the
 * embedded engines otherwise, with the same test code. Without a Docker daemon the request falls back to the embedded
 * engines with one warning, so a run is never lost for want of Docker.
 *
 * <p>Testcontainers is an optional dependency of this module: only a build with the {@code containers} profile has it
 * on the classpath, and this class is loaded only when containers are asked for.
 */
public final class ContainerEngines {

    public static final String PROPERTY = "deletion.it.engines";
    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE = "apache/kafka:4.2.1";

    private static final Logger log = LoggerFactory.getLogger(ContainerEngines.class);
    private static Boolean requested;

    private ContainerEngines() {}

    /** Whether this run uses containers: asked for, and a Docker daemon answers (else a warning, once). */
    static synchronized boolean requested() {
        if (requested == null) {
            boolean asked = "containers".equals(System.getProperty(PROPERTY));
            requested = asked && dockerAvailable();
            if (asked && !requested) {
                log.warn(
                        "{}=containers asked for Testcontainers, but no Docker daemon answers: the tests run against "
                                + "the embedded Kafka and PostgreSQL instead",
                        PROPERTY);
            }
        }
        return requested;
    }

    /** Whether a Docker daemon answers; false also when Testcontainers is not on the classpath. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (NoClassDefFoundError | RuntimeException e) {
            return false;
        }
    }

    /** PostgreSQL 17 configured as {@link LocalPostgres#start} configures the embedded one. */
    @SuppressWarnings("resource") // closed by LocalPostgres.close
    static LocalPostgres postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand(
                        "postgres",
                        "-c",
                        "wal_level=logical",
                        "-c",
                        "max_replication_slots=20",
                        "-c",
                        "max_wal_senders=20",
                        "-c",
                        "max_slot_wal_keep_size=" + LocalPostgres.DEFAULT_MAX_SLOT_WAL_KEEP_SIZE,
                        "-c",
                        "synchronous_commit=on",
                        "-c",
                        "max_connections=300");
        container.start();
        PGSimpleDataSource superuser = new PGSimpleDataSource();
        superuser.setUrl(container.getJdbcUrl());
        superuser.setUser(container.getUsername());
        superuser.setPassword(container.getPassword());
        return LocalPostgres.running(
                container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                superuser,
                container::stop);
    }

    /** A KRaft broker (Apache Kafka's own image) with every contract topic. */
    @SuppressWarnings("resource") // closed by LocalKafka.close
    static LocalKafka kafka(int partitions) {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return LocalKafka.running(container.getBootstrapServers(), container::stop, partitions);
    }
}

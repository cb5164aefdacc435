package dev.deletionpipeline.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {

    @TempDir
    Path dataDirectory;

    @Test
    void runsWithLogicalDecodingAndDurableCommits() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory.resolve("pg"), 0)) {
            assertThat(setting(postgres, "wal_level")).isEqualTo("logical");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "max_slot_wal_keep_size"))
                    .isEqualTo(LocalPostgres.DEFAULT_MAX_SLOT_WAL_KEEP_SIZE);
        }
    }

    @Test
    void countsStatementsForTheStackBenchmark() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory.resolve("pg"), 0)) {
            postgres.executeAsSuperuser("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // fails with "must be loaded via shared_preload_libraries" when the library is not loaded
            postgres.executeAsSuperuser("SELECT pg_stat_statements_reset(), count(*) FROM pg_stat_statements");
        }
    }

    @Test
    void applicationRoleCanCreateALogicalReplicationSlotWithPgoutput() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory.resolve("pg"), 0);
                Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_logical_replication_slot('it_slot', 'pgoutput')");
            ResultSet slot =
                    statement.executeQuery("SELECT plugin FROM pg_replication_slots WHERE slot_name = 'it_slot'");
            assertThat(slot.next()).isTrue();
            assertThat(slot.getString("plugin")).isEqualTo("pgoutput");
            statement.execute("SELECT pg_drop_replication_slot('it_slot')");
        }
    }

    @Test
    void secondStartOnTheSameDataDirectoryKeepsTheSchemaAndData() throws SQLException {
        Path data = dataDirectory.resolve("pg");
        try (LocalPostgres postgres = LocalPostgres.start(data, 0)) {
            postgres.migrate(LocalPostgres.DATABASE);
            execute(postgres, "INSERT INTO owners (id, handle) VALUES (gen_random_uuid(), 'kept-across-restarts')");
        }
        try (LocalPostgres postgres = LocalPostgres.start(data, 0)) {
            postgres.migrate(LocalPostgres.DATABASE);
            try (Connection connection = postgres.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                ResultSet rows =
                        statement.executeQuery("SELECT count(*) FROM owners WHERE handle = 'kept-across-restarts'");
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aServerThatAKilledJvmLeftRunningIsStoppedByTheNextStart() throws Exception {
        Path data = dataDirectory.resolve("pg");
        long leftOver;
        try (PostgresInAnotherJvm jvm = PostgresInAnotherJvm.start(data, false)) {
            leftOver = jvm.postmaster();
            jvm.kill();
        }
        assertThat(PostgresInAnotherJvm.alive(leftOver)).as("left running").isTrue();

        try (LocalPostgres postgres = LocalPostgres.start(data, 0)) {
            assertThat(setting(postgres, "wal_level")).isEqualTo("logical");
            assertThat(PostgresInAnotherJvm.alive(leftOver))
                    .as("the server left running")
                    .isFalse();
        }
    }

    @AfterEach
    void stopLeftoverPostgres() {
        PostgresInAnotherJvm.stopServerLeftRunningIn(dataDirectory.resolve("pg"));
    }

    @Test
    void eachTestDatabaseIsSeparate() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory.resolve("pg"), 0)) {
            postgres.createDatabase("first_test");
            postgres.createDatabase("second_test");
            postgres.migrate("first_test");
            try (Connection connection = postgres.dataSource("second_test").getConnection();
                    Statement statement = connection.createStatement()) {
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'blocks'");
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
    }

    private static String setting(LocalPostgres postgres, String name) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            ResultSet result = statement.executeQuery("SHOW " + name);
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(LocalPostgres postgres, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

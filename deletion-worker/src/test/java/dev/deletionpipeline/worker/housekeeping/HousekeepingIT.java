package dev.deletionpipeline.worker.housekeeping;

import static dev.deletionpipeline.common.sql.SqlTime.param;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.housekeeping.Housekeeping.HousekeepingSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Housekeeping against a real PostgreSQL with the pipeline's schema: rows strictly older than their retention go, the
 * one exactly at the cut-off and younger ones stay, many batches make one run, a second instance stays out while one
 * runs, and the removal by age reads the V6 indexes. Time is a fixed clock, rows are written with chosen ages.
 */
class HousekeepingIT {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Duration RECEIPTS_KEPT = Duration.ofDays(30);
    private static final Duration DEPENDANTS_KEPT = Duration.ofDays(10);
    private static final int BATCH = 7;

    private static final TestDatabase database = SharedInfrastructure.freshDatabase("worker_HousekeepingIT");
    private static final HikariDataSource connections = pool(database);
    private static final JdbcTemplate jdbc = new JdbcTemplate(connections);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Housekeeping housekeeping = new Housekeeping(
            JdbcClient.create(jdbc),
            new HousekeepingSettings(RECEIPTS_KEPT, DEPENDANTS_KEPT, Duration.ofHours(1), BATCH, true),
            Clock.fixed(NOW, ZoneOffset.UTC),
            meters,
            null);

    @BeforeEach
    void emptyTables() {
        jdbc.update("delete from deletion_receipts");
        jdbc.update("delete from removed_dependants");
    }

    @AfterAll
    static void closePool() {
        connections.close();
    }

    @Test
    void receiptsOlderThanTheRetentionAreRemovedAndTheOneAtTheCutOffAndYoungerOnesKept() {
        Instant cutOff = NOW.minus(RECEIPTS_KEPT);
        UUID older = receipt(cutOff.minusMillis(1));
        UUID muchOlder = receipt(cutOff.minus(Duration.ofDays(400)));
        UUID atCutOff = receipt(cutOff);
        UUID younger = receipt(cutOff.plusMillis(1));
        UUID fresh = receipt(NOW);

        Housekeeping.Run run = housekeeping.runOnce();

        assertThat(run).isEqualTo(new Housekeeping.Run(2, 0));
        assertThat(ids("deletion_receipts")).containsExactlyInAnyOrder(atCutOff, younger, fresh);
        assertThat(ids("deletion_receipts")).doesNotContain(older, muchOlder);
        assertThat(removedCount("deletion_receipts")).isEqualTo(2);
    }

    @Test
    void removedDependantsOlderThanTheirRetentionAreRemovedAndTheOneAtTheCutOffAndYoungerOnesKept() {
        Instant cutOff = NOW.minus(DEPENDANTS_KEPT);
        UUID older = removedDependant(cutOff.minusMillis(1));
        UUID atCutOff = removedDependant(cutOff);
        UUID younger = removedDependant(cutOff.plusMillis(1));
        UUID receiptOfTheSameAge = receipt(cutOff.minusMillis(1));

        Housekeeping.Run run = housekeeping.runOnce();

        assertThat(run).isEqualTo(new Housekeeping.Run(0, 1));
        assertThat(ids("removed_dependants")).containsExactlyInAnyOrder(atCutOff, younger);
        assertThat(ids("removed_dependants")).doesNotContain(older);
        assertThat(ids("deletion_receipts")).containsExactly(receiptOfTheSameAge);
        assertThat(removedCount("removed_dependants")).isEqualTo(1);
    }

    @Test
    void moreAgedRowsThanOneBatchAreAllRemovedInOneRun() {
        Instant old = NOW.minus(Duration.ofDays(60));
        IntStream.range(0, BATCH * 3 + 2).forEach(i -> receipt(old.plusSeconds(i)));
        IntStream.range(0, BATCH * 2).forEach(i -> removedDependant(old.plusSeconds(i)));
        UUID kept = receipt(NOW);

        Housekeeping.Run run = housekeeping.runOnce();

        assertThat(run).isEqualTo(new Housekeeping.Run(BATCH * 3 + 2, BATCH * 2));
        assertThat(ids("deletion_receipts")).containsExactly(kept);
        assertThat(ids("removed_dependants")).isEmpty();
        assertThat(removedCount("deletion_receipts")).isEqualTo(BATCH * 3 + 2);
        assertThat(removedCount("removed_dependants")).isEqualTo(BATCH * 2);
    }

    @Test
    void removalByAgeReadsTheAgeIndexes() {
        assertThat(plan(Housekeeping.AgedTable.DELETION_RECEIPTS)).contains("deletion_receipts_hard_deleted_idx");
        assertThat(plan(Housekeeping.AgedTable.REMOVED_DEPENDANTS)).contains("removed_dependants_hard_deleted_idx");
    }

    /** The plan with sequential scans priced out, as on a large table: it names an index only if one fits. */
    private static String plan(Housekeeping.AgedTable table) {
        return jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("set local enable_seqscan = off");
                var explained = connection.prepareStatement(
                        "explain " + table.deleteBatch.replace(":cutOff", "?").replace(":limit", "?"));
                explained.setObject(1, param(NOW));
                explained.setInt(2, BATCH);
                StringBuilder plan = new StringBuilder();
                try (var rows = explained.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }

    private static UUID receipt(Instant hardDeletedAt) {
        UUID block = UUID.randomUUID();
        jdbc.update(
                "insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id,"
                        + " outcome, dependants_removed, hard_deleted_at) values (?, ?, ?, ?, ?, 'DELETED', 0, ?)",
                block,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                param(hardDeletedAt));
        return block;
    }

    private static UUID removedDependant(Instant hardDeletedAt) {
        UUID block = UUID.randomUUID();
        jdbc.update(
                "insert into removed_dependants (block_id, parent_block_id, deletion_id, owner_id, calendar_id,"
                        + " outcome, hard_deleted_at) values (?, ?, ?, ?, 'primary', 'NOT_SYNCED', ?)",
                block,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                param(hardDeletedAt));
        return block;
    }

    private static List<UUID> ids(String table) {
        return jdbc.queryForList("select block_id from " + table, UUID.class);
    }

    private double removedCount(String table) {
        return meters.get("deletion.worker.housekeeping.rows.removed")
                .tag("table", table)
                .counter()
                .count();
    }

    private static HikariDataSource pool(TestDatabase database) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(0);
        return new HikariDataSource(pool);
    }
}

package dev.deletionpipeline.api.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the {@code outbox} table small: every {@code cleanup.interval} it deletes rows older than the retention that
 * were already relayed. Debezium reads the WAL, not the table, so the rows are only a record for operators.
 *
 * <p>"Relayed" is read from the replication slot, so the rule holds for the embedded relay and for Kafka Connect alike:
 * the slot's {@code catalog_xmin} only moves past a transaction once the relay confirmed a WAL position after that
 * transaction's commit, and the relay confirms only what Kafka acknowledged. A row whose inserting transaction
 * ({@code xmin}) is older than the slot's {@code catalog_xmin} was therefore relayed. Without the slot nothing is
 * deleted. One instance at a time (ShedLock); were two to run, rows another one is deleting would be skipped.
 */
class OutboxCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxCleanup.class);
    private static final String DELETE_SQL = """
            delete from outbox where id in (
                select id from outbox
                where created_at < ?
                  and age(xmin) > (select age(catalog_xmin) from pg_replication_slots
                                   where slot_name = ? and database = current_database())
                limit ?
                for update skip locked)
            """;

    private final DataSource dataSource;
    private final String slotName;
    private final RelaySettings.Cleanup settings;
    private final Clock clock;

    OutboxCleanup(DataSource dataSource, String slotName, RelaySettings.Cleanup settings, Clock clock) {
        this.dataSource = dataSource;
        this.slotName = slotName;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deletes relayed rows older than the retention, batch by batch; returns how many. */
    int deleteRelayedRowsPastRetention() throws SQLException {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(settings.retention()));
        int total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_SQL)) {
            connection.setAutoCommit(true);
            delete.setTimestamp(1, cutoff);
            delete.setString(2, slotName);
            delete.setInt(3, settings.batchSize());
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == settings.batchSize());
        }
        return total;
    }

    @Scheduled(
            fixedDelayString = "${deletion.relay.cleanup.interval}",
            initialDelayString = "${deletion.relay.cleanup.interval}")
    @SchedulerLock(name = "deletion-api.outbox-cleanup")
    public void cleanUp() {
        try {
            int deleted = deleteRelayedRowsPastRetention();
            if (deleted > 0) {
                LOG.info("Deleted {} relayed outbox rows older than {}", deleted, settings.retention());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Outbox cleanup failed; next try in {}", settings.interval(), e);
        }
    }
}

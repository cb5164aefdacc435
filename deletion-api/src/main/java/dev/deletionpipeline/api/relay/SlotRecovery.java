package dev.deletionpipeline.api.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the replication slot can carry every outbox row that has not reached Kafka, right before the active
 * relay's engine starts (on taking the lead and on every engine restart).
 *
 * <p>A slot can be lost: PostgreSQL invalidates it ({@code wal_status = 'lost'}) when it would pin more WAL than
 * {@code max_slot_wal_keep_size}, an operator may drop it, a restore from backup has none. With
 * {@code snapshot.mode=no_data} Debezium would then stream from a new slot's position and skip the gap silently. So
 * the relay recognises a gap (a lost slot; or a slot, just created or found, whose confirmed position is ahead of the
 * relay's stored offset, {@link StoredOffsets}), says so in one ERROR line and {@code deletion_relay_slot_lost_total},
 * drops a lost slot, creates a new one and then re-publishes every row still in the {@code outbox}: each is deleted and
 * inserted again, unchanged (same id, so the same {@code ce_id}: consumers drop what they already had), in one
 * transaction after the new slot exists, so the new slot captures them. {@code skipped.operations} drops the deletes.
 *
 * <p>Every row that may not have reached Kafka is still in the table: {@link OutboxCleanup} removes only rows the slot
 * confirmed. So the re-published rows cover every {@code BlockSoftDeleted}, {@code BlockRestored} and
 * {@code HardDeleteConfirmed} of the gap. The rows are copied aside in this session before the old slot goes, because
 * once a new slot exists the cleanup would count rows older than it as relayed; rows written between the copy and the
 * new slot are younger than the cleanup's retention and are re-published from the table. The stored offset stays behind
 * the new slot until the engine commits, so a recovery cut short (a crash before the re-publish committed) is found
 * and done again on the next start.
 *
 * <p>When the relay creates its slot for the first time it re-publishes the rows written before, too, without the
 * alarm: on a first deployment nothing written before the slot existed would otherwise ever be relayed.
 */
final class SlotRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SlotRecovery.class);
    private static final String COLUMNS = "id, aggregatetype, aggregateid, type, payload, created_at";

    private final RelaySettings settings;
    private final StoredOffsets offsets;
    private final RelayMetrics metrics;

    SlotRecovery(RelaySettings settings, RelayMetrics metrics) {
        this.settings = settings;
        this.offsets = new StoredOffsets(settings.kafka());
        this.metrics = metrics;
    }

    /**
     * Ensures the slot exists and is readable, recovering a gap as described above.
     *
     * @return how many outbox rows were re-published (0 when the slot was fine)
     */
    int prepare() throws SQLException {
        RelaySettings.Database database = settings.database();
        String slot = settings.slotName();
        try (Connection connection =
                DriverManager.getConnection(database.url(), database.username(), database.password())) {
            Optional<ReplicationSlot.Status> before = ReplicationSlot.status(connection, slot);
            before.filter(ReplicationSlot.Status::unreserved)
                    .ifPresent(s -> LOG.warn(
                            "Replication slot {} holds more WAL than max_slot_wal_keep_size: the next checkpoint may"
                                    + " invalidate it",
                            slot));
            boolean replace = before.isEmpty() || before.get().lost();
            if (replace) {
                copyOutboxAside(connection);
                if (before.isPresent()) {
                    ReplicationSlot.drop(connection, slot);
                }
                ReplicationSlot.create(connection, slot);
            }
            Optional<StoredOffsets.Offset> stored = offsets.last();
            Optional<Loss> gap = gap(before, ReplicationSlot.status(connection, slot), stored);
            if (gap.isEmpty() && !replace) {
                return 0;
            }
            if (gap.isPresent()) {
                LOG.error(
                        "Replication slot {} was lost ({}): outbox rows written since its last confirmed position may"
                                + " not have reached Kafka; re-publishing every row still in the outbox through the {}"
                                + " slot",
                        slot,
                        gap.get().detail,
                        replace ? "new" : "current");
                metrics.slotLost(gap.get().tag());
            }
            if (!replace) {
                copyOutboxAside(connection);
            }
            int republished = republish(connection);
            // only now: until the rows are in again, a stored offset behind the slot makes the next start do this again
            stored.ifPresent(offsets::forget);
            if (gap.isPresent()) {
                LOG.warn("Re-published {} outbox rows through replication slot {}", republished, slot);
            } else {
                LOG.info(
                        "Created replication slot {}; re-published the {} outbox rows written before it existed",
                        slot,
                        republished);
            }
            return republished;
        }
    }

    /** How the relay may have missed changes. */
    enum Loss {
        WAL_REMOVED("wal_status=lost: PostgreSQL removed WAL it still needed, see max_slot_wal_keep_size"),
        MISSING("missing, although the relay's stored offset shows it had been running"),
        RECREATED("its confirmed position is ahead of the relay's stored offset: it was created again while the relay"
                + " was not running, or a recovery was cut short");

        private final String detail;

        Loss(String detail) {
            this.detail = detail;
        }

        /** The {@code reason} tag of {@code deletion_relay_slot_lost_total}. */
        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why the relay may have missed changes, or empty when it cannot have. */
    private static Optional<Loss> gap(
            Optional<ReplicationSlot.Status> before,
            Optional<ReplicationSlot.Status> now,
            Optional<StoredOffsets.Offset> stored) {
        if (before.isPresent() && before.get().lost()) {
            return Optional.of(Loss.WAL_REMOVED);
        }
        Long slotPosition = now.map(ReplicationSlot.Status::confirmedFlushLsn).orElse(null);
        if (stored.isEmpty()
                || slotPosition == null
                || slotPosition <= stored.get().position()) {
            return Optional.empty();
        }
        return Optional.of(before.isEmpty() ? Loss.MISSING : Loss.RECREATED);
    }

    /** A copy in this session's temporary table, so that rows the cleanup deletes meanwhile are not lost. */
    private static void copyOutboxAside(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table outbox_replay as select " + COLUMNS + " from outbox");
        }
    }

    /** Deletes and inserts again, in their original order, the copied rows and every row in the table now. */
    private static int republish(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into outbox_replay select " + COLUMNS + " from outbox o"
                    + " where not exists (select 1 from outbox_replay r where r.id = o.id)");
            statement.executeUpdate("delete from outbox o using outbox_replay r where o.id = r.id");
            int republished = statement.executeUpdate("insert into outbox (" + COLUMNS + ") select " + COLUMNS
                    + " from outbox_replay order by created_at, id");
            statement.execute("drop table outbox_replay");
            connection.commit();
            return republished;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}

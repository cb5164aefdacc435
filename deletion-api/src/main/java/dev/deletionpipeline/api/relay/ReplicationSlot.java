package dev.deletionpipeline.api.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The relay's logical replication slot as {@code pg_replication_slots} shows it, and the two things the relay ever does
 * to it: create it ({@code pgoutput}) and drop it once PostgreSQL has invalidated it. Only {@link SlotRecovery} calls
 * these, on the active relay, before its engine starts.
 */
final class ReplicationSlot {

    private static final String DUPLICATE_OBJECT = "42710";
    private static final String STATUS_SQL = """
            select database, database = current_database(), wal_status,
                   (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint
            from pg_replication_slots where slot_name = ?
            """;

    /**
     * @param walStatus PostgreSQL's {@code wal_status}: {@code reserved}, {@code extended}, {@code unreserved} (the
     *     next checkpoint may remove WAL it needs) or {@code lost} (it did; the slot can never be read again)
     * @param confirmedFlushLsn the position the slot's reader confirmed last, as a number; null when PostgreSQL has none
     */
    record Status(String walStatus, Long confirmedFlushLsn) {

        boolean lost() {
            return "lost".equals(walStatus);
        }

        boolean unreserved() {
            return "unreserved".equals(walStatus);
        }
    }

    private ReplicationSlot() {}

    /**
     * @return empty when no slot of that name exists
     * @throws IllegalStateException when a slot of that name belongs to another database (slot names are unique per
     *     PostgreSQL cluster)
     */
    static Optional<Status> status(Connection connection, String slotName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STATUS_SQL)) {
            statement.setString(1, slotName);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                if (!result.getBoolean(2)) {
                    throw new IllegalStateException("Replication slot " + slotName + " belongs to database "
                            + result.getString(1) + "; give this database's relay its own deletion.relay.slot-name");
                }
                return Optional.of(new Status(result.getString(3), (Long) result.getObject(4)));
            }
        }
    }

    /** Creates the slot; another instance having created it a moment earlier is fine. */
    static void create(Connection connection, String slotName) throws SQLException {
        try (PreparedStatement create =
                connection.prepareStatement("select pg_create_logical_replication_slot(?, 'pgoutput')")) {
            create.setString(1, slotName);
            create.execute();
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** Fails while a session still reads the slot (an old engine's walsender that has not ended yet). */
    static void drop(Connection connection, String slotName) throws SQLException {
        try (PreparedStatement drop = connection.prepareStatement("select pg_drop_replication_slot(?)")) {
            drop.setString(1, slotName);
            drop.execute();
        }
    }
}

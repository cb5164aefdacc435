package dev.deletionpipeline.api.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Creates the relay's logical replication slot when the application starts, before it accepts requests, unless the slot
 * exists. With {@code snapshot.mode=no_data} nothing committed before the slot existed is ever relayed; creating it at
 * start-up rather than when an engine first runs (which may be seconds later, or on another instance) closes that gap
 * on a first deployment. The relay never drops the slot.
 */
final class ReplicationSlot {

    private static final String DUPLICATE_OBJECT = "42710";
    private static final String OWNER_SQL =
            "select database, database = current_database() from pg_replication_slots where slot_name = ?";
    private static final String CREATE_SQL = "select pg_create_logical_replication_slot(?, 'pgoutput')";

    private ReplicationSlot() {}

    /**
     * Creates the slot unless it exists; another instance creating it at the same moment is fine.
     *
     * @throws IllegalStateException when a slot of that name belongs to another database (slot names are unique per
     *     PostgreSQL cluster)
     */
    static void ensureExists(RelaySettings.Database database, String slotName) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                PreparedStatement owner = connection.prepareStatement(OWNER_SQL)) {
            owner.setString(1, slotName);
            try (ResultSet result = owner.executeQuery()) {
                if (!result.next()) {
                    create(connection, slotName);
                } else if (!result.getBoolean(2)) {
                    throw new IllegalStateException("Replication slot " + slotName + " belongs to database "
                            + result.getString(1) + "; give this database's relay its own deletion.relay.slot-name");
                }
            }
        }
    }

    private static void create(Connection connection, String slotName) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(CREATE_SQL)) {
            create.setString(1, slotName);
            create.execute();
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}

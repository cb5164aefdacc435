package dev.deletionpipeline.api.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock on a connection of its own: whoever holds it is the one active relay. When
 * the holder dies its session ends and PostgreSQL releases the lock, so a standby gets it on its next try. The lock's
 * key is derived from the slot name, so relays of different slots never exclude each other.
 */
final class LeaderLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final RelaySettings.Database database;
    private final long key;
    private Connection connection;
    private volatile boolean held;

    LeaderLock(RelaySettings.Database database, String slotName) {
        this.database = database;
        this.key = keyOf(slotName);
    }

    /** A stable 64-bit key: a fixed namespace in the high half, the slot name's CRC-32 in the low half. */
    static long keyOf(String slotName) {
        CRC32 crc = new CRC32();
        crc.update(("deletion-relay:" + slotName).getBytes(StandardCharsets.UTF_8));
        return (0x44524C59L << 32) | crc.getValue();
    }

    /** True when this call or an earlier one got the lock; false when another session holds it or the database is away. */
    synchronized boolean tryAcquire() {
        if (held) {
            return true;
        }
        try {
            connectIfNeeded();
            try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                statement.setLong(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    held = result.next() && result.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not try the relay lock: {}", e.getMessage());
            closeConnection();
        }
        return held;
    }

    /** Does not wait for a check in progress, so that a metrics scrape never blocks on the database. */
    boolean isHeld() {
        return held;
    }

    /** Whether the session that took the lock is still alive, and so still holds it; forgets the lock when not. */
    synchronized boolean confirmHeld() {
        if (!held) {
            return false;
        }
        try {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return true;
            }
        } catch (SQLException e) {
            LOG.debug("Relay lock connection check failed", e);
        }
        LOG.warn("Lost the relay lock's database session; another instance may take over");
        closeConnection();
        return false;
    }

    /** Gives the lock up by ending the session. */
    @Override
    public synchronized void close() {
        closeConnection();
    }

    private void connectIfNeeded() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "deletion-relay-lock");
        properties.setProperty("tcpKeepAlive", "true");
        connection = DriverManager.getConnection(database.url(), properties);
    }

    private void closeConnection() {
        held = false;
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the relay lock connection failed", e);
        }
        connection = null;
    }
}

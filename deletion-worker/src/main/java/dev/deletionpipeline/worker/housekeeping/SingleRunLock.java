package dev.deletionpipeline.worker.housekeeping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Lets one worker instance at a time do housekeeping: a PostgreSQL advisory lock, tried (never waited for) in a
 * transaction of its own connection that stays open while the work runs on other connections, statement by statement.
 * A transaction-level lock ends with that transaction — at the end of the work, or when the connection or the
 * instance dies — so it cannot be left behind on a pooled connection the way a session-level lock could.
 */
@Component
class SingleRunLock {

    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtext('deletion-worker.housekeeping'))";

    private final DataSource dataSource;

    SingleRunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work while holding the lock, or returns empty at once if another instance holds it. */
    <T> Optional<T> runIfFree(Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return tryLock(connection) ? Optional.of(work.get()) : Optional.empty();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("Could not take the housekeeping lock", e);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TRY_LOCK);
                ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }
}

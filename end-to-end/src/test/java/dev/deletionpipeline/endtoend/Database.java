package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.localstack.auth.DevTokens;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The stack's PostgreSQL, read to check outcomes. It writes only what no endpoint offers and a real deployment has
 * other services for: a sign-in ({@code session_tokens}, the sign-in service's job) and a synced calendar of 10,000
 * blocks (the calendar sync's job; {@code POST /v1/blocks} one by one would make the setup the slowest part).
 */
final class Database {

    /** A block row as it stands. */
    record BlockRow(UUID id, String itemStatus, Instant deletedAt, String deletionState, UUID deletionId) {

        boolean live() {
            return deletionState == null && deletedAt == null;
        }
    }

    /** The worker's receipt of a hard-deleted block. */
    record Receipt(UUID blockId, UUID confirmationId, String outcome, Instant hardDeletedAt) {}

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    Database(String jdbcUrl) {
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser("deletion");
        dataSource.setPassword("deletion");
    }

    /** Signs the owner in: a session row, and the bearer token that names it. */
    String signIn(UUID ownerId) {
        UUID session = UUID.randomUUID();
        update(
                "INSERT INTO session_tokens (id, owner_id, expires_at) VALUES (?, ?, now() + interval '1 day')",
                session,
                ownerId);
        return DevTokens.local().ownerToken(ownerId, session, Duration.ofDays(1));
    }

    /** Inserts one synced block per Google event id into the owner's calendar, in one statement; returns their ids. */
    List<UUID> insertSyncedBlocks(UUID ownerId, String calendarId, List<String> googleEventIds) {
        List<UUID> ids = googleEventIds.stream().map(e -> UUID.randomUUID()).toList();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO blocks (id, owner_id, calendar_id, title, starts_at, ends_at, google_event_id,
                                            google_event_data)
                        SELECT b.id, ?, ?, 'bulk', now() + interval '1 day', now() + interval '1 day 1 hour', b.event,
                               jsonb_build_object('id', b.event)
                          FROM unnest(?::uuid[], ?::text[]) AS b(id, event)
                        """)) {
            insert.setObject(1, ownerId);
            insert.setString(2, calendarId);
            insert.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
            insert.setArray(4, connection.createArrayOf("text", googleEventIds.toArray()));
            insert.executeUpdate();
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows still in {@code blocks} among these ids. */
    Map<UUID, BlockRow> blocks(Collection<UUID> ids) {
        Map<UUID, BlockRow> rows = new HashMap<>();
        query(
                "SELECT id, item_status, deleted_at, deletion_state, deletion_id FROM blocks WHERE id = ANY(?)",
                ids,
                rs -> rows.put(
                        rs.getObject(1, UUID.class),
                        new BlockRow(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                instant(rs.getTimestamp(3)),
                                rs.getString(4),
                                rs.getObject(5, UUID.class))));
        return rows;
    }

    Map<UUID, Receipt> receipts(Collection<UUID> blockIds) {
        Map<UUID, Receipt> receipts = new HashMap<>();
        query(
                "SELECT block_id, confirmation_id, outcome, hard_deleted_at FROM deletion_receipts"
                        + " WHERE block_id = ANY(?)",
                blockIds,
                rs -> receipts.put(
                        rs.getObject(1, UUID.class),
                        new Receipt(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                instant(rs.getTimestamp(4)))));
        return receipts;
    }

    /** Alters one stored receipt of a finished deletion, as someone tampering with the database would. */
    void alterReceipt(UUID deletionId) {
        update(
                "UPDATE deletion_request_receipts SET body = jsonb_set(body, '{totals,deleted}', '0')"
                        + " WHERE deletion_id = ?",
                deletionId);
    }

    /** The {@code failure_reason} of each row among these ids that the worker gave up on ({@code FAILED}). */
    Map<UUID, String> failureReasons(Collection<UUID> ids) {
        Map<UUID, String> reasons = new HashMap<>();
        query(
                "SELECT id, failure_reason FROM blocks WHERE id = ANY(?) AND deletion_state = 'FAILED'",
                ids,
                rs -> reasons.put(rs.getObject(1, UUID.class), rs.getString(2)));
        return reasons;
    }

    /** A single number from a query with positional parameters. */
    long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Collection<UUID> ids, RowHandler handler) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

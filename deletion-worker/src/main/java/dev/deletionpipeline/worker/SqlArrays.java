package dev.deletionpipeline.worker;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * PostgreSQL arrays for set-based statements ({@code = any(:ids)}, {@code unnest(:ids)}): one round trip for many rows.
 * The values are named parameters of {@code JdbcClient}; the {@link Connection} forms serve the positional statements
 * that remain in {@code tasks}.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static SqlArrayValue uuids(Collection<UUID> ids) {
        return new SqlArrayValue("uuid", ids.toArray());
    }

    public static SqlArrayValue texts(Collection<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }

    public static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    public static Array ints(Connection connection, Collection<Integer> values) throws SQLException {
        return connection.createArrayOf("int4", values.toArray());
    }
}

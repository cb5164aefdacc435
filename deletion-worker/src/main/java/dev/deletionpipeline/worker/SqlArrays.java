package dev.deletionpipeline.worker;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * PostgreSQL arrays for set-based statements ({@code = any(:ids)}, {@code unnest(:ids)}): one round trip for many rows.
 * The values are named parameters of {@code JdbcClient}.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static SqlArrayValue uuids(Collection<UUID> ids) {
        return new SqlArrayValue("uuid", ids.toArray());
    }

    public static SqlArrayValue texts(Collection<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }

    public static SqlArrayValue ints(Collection<Integer> values) {
        return new SqlArrayValue("int4", values.toArray());
    }
}

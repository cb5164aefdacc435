package dev.deletionpipeline.reconciler.sweep;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Conversions between the sweep's Java types and PostgreSQL's, which the JDBC driver does not do for us. */
final class SweepSql {

    private SweepSql() {}

    /** An instant as a {@code timestamptz} parameter (the driver takes {@link OffsetDateTime}, not {@link Instant}). */
    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A nullable {@code timestamptz} column. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A nullable {@code uuid} column. */
    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}

package dev.deletionpipeline.common.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants as PostgreSQL stores them: {@code timestamptz} keeps microseconds, so "now" is truncated to microseconds
 * before it is written; otherwise an event built in Java and the same event built by SQL would differ in nanoseconds.
 * The one time helper of all three services.
 */
public final class SqlTime {

    private SqlTime() {}

    /** The clock's instant at PostgreSQL's precision. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A JDBC parameter for a {@code timestamptz} column (the driver has no mapping for {@link Instant}). */
    public static OffsetDateTime param(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A nullable {@code timestamptz} column as an instant. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

package dev.deletionpipeline.worker.failure;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.worker.tasks.HeadersJson;
import dev.deletionpipeline.worker.tasks.KeptRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code dead_letters}: what was given up, whether Kafka has it yet, and its {@link DeadLetterStatus}: whether it
 * was redriven, or parked because it came back after a redrive.
 */
@Repository
public class DeadLetterStore {

    private static final String INSERT = """
            insert into dead_letters (id, block_id, source_event_id, deletion_id, owner_id, reason, detail,
                last_http_status, attempts, first_failure_at, last_failure_at, redrivable, source_topic,
                source_partition, source_offset, record_key, record_value, record_headers, dead_lettered_at,
                status)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?,
                case when exists (select 1 from dead_letters earlier
                                  where earlier.source_event_id = ? and earlier.redriven_at is not null)
                     then ? else ? end)
            on conflict (id) do nothing
            """;

    private final JdbcTemplate jdbc;

    public DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<DeadLetter> deadLetters) {
        jdbc.batchUpdate(INSERT, deadLetters, deadLetters.size(), (statement, d) -> {
            statement.setObject(1, d.id());
            statement.setObject(2, d.blockId());
            statement.setObject(3, d.sourceEventId());
            statement.setObject(4, d.deletionId());
            statement.setObject(5, d.ownerId());
            statement.setString(6, d.reason());
            statement.setString(7, d.detail());
            statement.setObject(8, d.lastHttpStatus());
            statement.setInt(9, d.attempts());
            statement.setObject(10, param(d.firstFailureAt()));
            statement.setObject(11, param(d.lastFailureAt()));
            statement.setBoolean(12, d.redrivable());
            statement.setString(13, d.record().topic());
            statement.setInt(14, d.record().partition());
            statement.setLong(15, d.record().offset());
            statement.setString(16, d.record().key());
            statement.setBytes(17, d.record().value());
            statement.setString(18, HeadersJson.write(d.record().headers()));
            statement.setObject(19, param(d.deadLetteredAt()));
            // the same event dead-lettered again after a redrive: parked, so that a filtered redrive cannot loop it
            statement.setObject(20, d.sourceEventId());
            statement.setString(21, DeadLetterStatus.PARKED.name());
            statement.setString(22, DeadLetterStatus.OPEN.name());
        });
    }

    public void markPublished(UUID id, Instant at) {
        jdbc.update("update dead_letters set published_at = ? where id = ? and published_at is null", param(at), id);
    }

    public List<DeadLetter> unpublishedBefore(Instant before, int limit) {
        return jdbc.query(
                "select * from dead_letters where published_at is null and dead_lettered_at < ?"
                        + " order by dead_lettered_at limit ?",
                DeadLetterStore::toDeadLetter,
                param(before),
                limit);
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select * from dead_letters where id = ?", DeadLetterStore::toDeadLetter, id).stream()
                .findFirst();
    }

    /** Those the filter and status (null: any) match, newest first, with whether and when each was redriven. */
    public List<DeadLetterView> search(DeadLetterFilter filter, DeadLetterStatus status, int limit) {
        Where where = Where.matching(filter).and("status = ?", status == null ? null : status.name());
        return jdbc.query(
                "select * from dead_letters" + where.sql() + " order by dead_lettered_at desc, id limit ?",
                DeadLetterStore::toView,
                where.valuesAnd(limit));
    }

    /** Counts of the dead letters the filter matches, by reason and status. */
    public List<DeadLetterCount> countByReasonAndStatus(DeadLetterFilter filter) {
        Where where = Where.matching(filter);
        return jdbc.query(
                "select reason, status, count(*) as n from dead_letters" + where.sql()
                        + " group by reason, status order by reason, status",
                (row, n) -> new DeadLetterCount(
                        row.getString("reason"), DeadLetterStatus.valueOf(row.getString("status")), row.getLong("n")),
                where.values());
    }

    /** How many dead letters the filter matches, whatever their status. */
    public int count(DeadLetterFilter filter) {
        Where where = Where.matching(filter);
        Integer count =
                jdbc.queryForObject("select count(*) from dead_letters" + where.sql(), Integer.class, where.values());
        return count == null ? 0 : count;
    }

    /**
     * The {@code OPEN} redrivable dead letters the filter matches, oldest first, at most {@code limit}; locked until
     * the transaction ends, so that a concurrent redrive waits and then finds them redriven.
     */
    public List<DeadLetter> lockRedrivable(DeadLetterFilter filter, int limit) {
        Where where = Where.matching(filter)
                .and("status = ?", DeadLetterStatus.OPEN.name())
                .and("redrivable = ?", true);
        return jdbc.query(
                "select * from dead_letters" + where.sql() + " order by dead_lettered_at, id limit ? for update",
                DeadLetterStore::toDeadLetter,
                where.valuesAnd(limit));
    }

    /** How many dead letters {@link #lockRedrivable} would take now, without a limit. */
    public int countRedrivable(DeadLetterFilter filter) {
        Where where = Where.matching(filter)
                .and("status = ?", DeadLetterStatus.OPEN.name())
                .and("redrivable = ?", true);
        Integer count =
                jdbc.queryForObject("select count(*) from dead_letters" + where.sql(), Integer.class, where.values());
        return count == null ? 0 : count;
    }

    public Optional<DeadLetterView> view(UUID id) {
        return jdbc.query("select * from dead_letters where id = ?", DeadLetterStore::toView, id).stream()
                .findFirst();
    }

    /**
     * Marks it redriven by the audited action, once: false when it is no longer in the expected status (redriven by
     * someone else meanwhile).
     */
    public boolean markRedriven(UUID id, DeadLetterStatus expected, String by, Instant at, UUID auditId) {
        return jdbc.update(
                        "update dead_letters set status = ?, redriven_at = ?, redriven_by = ?, redrive_audit_id = ?"
                                + " where id = ? and status = ?",
                        DeadLetterStatus.REDRIVEN.name(),
                        param(at),
                        by,
                        auditId,
                        id,
                        expected.name())
                == 1;
    }

    private static DeadLetterView toView(ResultSet row, int rowNum) throws SQLException {
        return new DeadLetterView(
                toDeadLetter(row, rowNum),
                DeadLetterStatus.valueOf(row.getString("status")),
                instant(row, "published_at"),
                instant(row, "redriven_at"),
                row.getString("redriven_by"));
    }

    /** The where clause of a filter: one {@code and} per given criterion, with its bind values. */
    private record Where(String sql, List<Object> args) {

        static Where matching(DeadLetterFilter filter) {
            return new Where("", List.of())
                    .and("reason = ?", filter.reason())
                    .and("owner_id = ?", filter.ownerId())
                    .and("deletion_id = ?", filter.deletionId())
                    .and("dead_lettered_at >= ?", param(filter.from()))
                    .and("dead_lettered_at < ?", param(filter.to()));
        }

        Where and(String condition, Object value) {
            if (value == null) {
                return this;
            }
            List<Object> more = new ArrayList<>(args);
            more.add(value);
            return new Where((sql.isEmpty() ? " where " : sql + " and ") + condition, more);
        }

        Object[] values() {
            return args.toArray();
        }

        Object[] valuesAnd(Object last) {
            List<Object> all = new ArrayList<>(args);
            all.add(last);
            return all.toArray();
        }
    }

    private static DeadLetter toDeadLetter(ResultSet row, int rowNum) throws SQLException {
        int status = row.getInt("last_http_status");
        Integer lastHttpStatus = row.wasNull() ? null : status;
        return new DeadLetter(
                row.getObject("id", UUID.class),
                row.getObject("block_id", UUID.class),
                row.getObject("source_event_id", UUID.class),
                row.getObject("deletion_id", UUID.class),
                row.getObject("owner_id", UUID.class),
                row.getString("reason"),
                row.getString("detail"),
                lastHttpStatus,
                row.getInt("attempts"),
                instant(row, "first_failure_at"),
                instant(row, "last_failure_at"),
                row.getBoolean("redrivable"),
                KeptRecords.read(row),
                instant(row, "dead_lettered_at"));
    }
}

package dev.deletionpipeline.worker.failure;

import static dev.deletionpipeline.worker.Timestamps.of;
import static dev.deletionpipeline.worker.Timestamps.read;

import dev.deletionpipeline.worker.tasks.HeadersJson;
import dev.deletionpipeline.worker.tasks.KeptRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code dead_letters}: what was given up, whether Kafka has it yet, and whether it was redriven. */
@Repository
public class DeadLetterStore {

    private static final String INSERT = """
            insert into dead_letters (id, block_id, source_event_id, deletion_id, owner_id, reason, detail,
                last_http_status, attempts, first_failure_at, last_failure_at, redrivable, source_topic,
                source_partition, source_offset, record_key, record_value, record_headers, dead_lettered_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
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
            statement.setObject(10, of(d.firstFailureAt()));
            statement.setObject(11, of(d.lastFailureAt()));
            statement.setBoolean(12, d.redrivable());
            statement.setString(13, d.record().topic());
            statement.setInt(14, d.record().partition());
            statement.setLong(15, d.record().offset());
            statement.setString(16, d.record().key());
            statement.setBytes(17, d.record().value());
            statement.setString(18, HeadersJson.write(d.record().headers()));
            statement.setObject(19, of(d.deadLetteredAt()));
        });
    }

    public void markPublished(UUID id, Instant at) {
        jdbc.update("update dead_letters set published_at = ? where id = ? and published_at is null", of(at), id);
    }

    public List<DeadLetter> unpublishedBefore(Instant before, int limit) {
        return jdbc.query(
                "select * from dead_letters where published_at is null and dead_lettered_at < ?"
                        + " order by dead_lettered_at limit ?",
                DeadLetterStore::toDeadLetter,
                of(before),
                limit);
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select * from dead_letters where id = ?", DeadLetterStore::toDeadLetter, id).stream()
                .findFirst();
    }

    /** Newest first, with whether and when each was redriven. */
    public List<DeadLetterView> list(int limit) {
        return jdbc.query(
                "select * from dead_letters order by dead_lettered_at desc limit ?",
                (row, n) -> new DeadLetterView(
                        toDeadLetter(row, n),
                        read(row, "published_at"),
                        read(row, "redriven_at"),
                        row.getString("redriven_by")),
                limit);
    }

    /** Marks it redriven, once: false when it already was. */
    public boolean markRedriven(UUID id, String by, Instant at) {
        return jdbc.update(
                        "update dead_letters set redriven_at = ?, redriven_by = ? where id = ? and redriven_at is null",
                        of(at),
                        by,
                        id)
                == 1;
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
                read(row, "first_failure_at"),
                read(row, "last_failure_at"),
                row.getBoolean("redrivable"),
                KeptRecords.read(row),
                read(row, "dead_lettered_at"));
    }
}

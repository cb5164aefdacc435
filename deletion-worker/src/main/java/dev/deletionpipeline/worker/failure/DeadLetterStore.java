package dev.deletionpipeline.worker.failure;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code dead_letters}, its one writer: what was given up, whether Kafka has it yet, and its
 * {@link DeadLetterStatus}: whether it was redriven, or parked because it came back after a redrive.
 */
@Repository
class DeadLetterStore {

    /**
     * One dead letter: a row of {@code dead_letters} and a record on {@code blocks.deletion-dead-letters.v1}.
     *
     * @param blockId nullable: null for a poison record whose key is not a block id
     * @param sourceEventId nullable: null for a poison record
     * @param lastHttpStatus nullable: null when Google never answered (or was never called)
     * @param redrivable false for poison records: sending them again would fail the same way (not shown to admins as
     *     such: {@link Viewed} shows whether it can be redriven now)
     */
    record DeadLetter(
            UUID id,
            UUID blockId,
            UUID sourceEventId,
            UUID deletionId,
            UUID ownerId,
            String reason,
            String detail,
            Integer lastHttpStatus,
            int attempts,
            Instant firstFailureAt,
            Instant lastFailureAt,
            @JsonIgnore boolean redrivable,
            @JsonIgnore KeptRecord record,
            Instant deadLetteredAt) {}

    /**
     * A dead letter as operators see it, in the admin API too (without the record's bytes).
     *
     * @param redrivable whether it can still be redriven: an unreadable record cannot, nor one redriven already; a
     *     {@code PARKED} one only singly with {@code unpark}
     * @param redrivenAt nullable: when it was put back into the pipeline
     * @param redrivenBy nullable: the admin who did it
     */
    record Viewed(
            @JsonUnwrapped DeadLetter deadLetter,
            DeadLetterStatus status,
            boolean redrivable,
            Instant redrivenAt,
            String redrivenBy) {}

    record Count(String reason, DeadLetterStatus status, long count) {}

    /**
     * Which dead letters an operator means; every given criterion must hold (AND), a null one is not applied (nor
     * written in {@code admin_audit.filter}).
     *
     * @param reason the exact {@code dlt_reason}; blank is not applied
     * @param from dead-lettered at or after
     * @param to dead-lettered before
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filter(String reason, UUID ownerId, UUID deletionId, Instant from, Instant to) {

        static final Filter ANY = new Filter(null, null, null, null, null);

        Filter {
            reason = reason == null || reason.isBlank() ? null : reason;
        }

        @JsonIgnore
        boolean isEmpty() {
            return equals(ANY);
        }
    }

    // the same event dead-lettered again after a redrive: parked, so that a filtered redrive cannot loop it
    private static final String INSERT = """
            insert into dead_letters (id, block_id, source_event_id, deletion_id, owner_id, reason, detail,
                last_http_status, attempts, first_failure_at, last_failure_at, redrivable, source_topic,
                source_partition, source_offset, record_key, record_value, record_headers, dead_lettered_at, status)
            values (:id, :blockId, :sourceEventId, :deletionId, :ownerId, :reason, :detail, :lastHttpStatus,
                :attempts, :firstFailureAt, :lastFailureAt, :redrivable, :topic, :partition, :offset, :key, :value,
                cast(:headers as jsonb), :deadLetteredAt,
                case when exists (select 1 from dead_letters earlier
                                  where earlier.source_event_id = :sourceEventId and earlier.redriven_at is not null)
                     then :parked else :open end)
            on conflict (id) do nothing
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    DeadLetterStore(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    void insert(List<DeadLetter> deadLetters) {
        batches.batchUpdate(
                INSERT, deadLetters.stream().map(DeadLetterStore::row).toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource row(DeadLetter d) {
        return d.record()
                .addTo(new MapSqlParameterSource())
                .addValue("id", d.id())
                .addValue("blockId", d.blockId())
                .addValue("sourceEventId", d.sourceEventId())
                .addValue("deletionId", d.deletionId())
                .addValue("ownerId", d.ownerId())
                .addValue("reason", d.reason())
                .addValue("detail", d.detail())
                .addValue("lastHttpStatus", d.lastHttpStatus(), Types.INTEGER)
                .addValue("attempts", d.attempts())
                .addValue("firstFailureAt", param(d.firstFailureAt()))
                .addValue("lastFailureAt", param(d.lastFailureAt()))
                .addValue("redrivable", d.redrivable())
                .addValue("deadLetteredAt", param(d.deadLetteredAt()))
                .addValue("parked", DeadLetterStatus.PARKED.name())
                .addValue("open", DeadLetterStatus.OPEN.name());
    }

    void markPublished(UUID id, Instant at) {
        jdbc.sql("update dead_letters set published_at = :at where id = :id and published_at is null")
                .param("at", param(at))
                .param("id", id)
                .update();
    }

    List<DeadLetter> unpublishedBefore(Instant before, int limit) {
        return jdbc.sql("select * from dead_letters where published_at is null and dead_lettered_at < :before"
                        + " order by dead_lettered_at limit :limit")
                .param("before", param(before))
                .param("limit", limit)
                .query(DeadLetterStore::toDeadLetter)
                .list();
    }

    Optional<Viewed> view(UUID id) {
        return jdbc.sql("select * from dead_letters where id = :id")
                .param("id", id)
                .query(DeadLetterStore::toView)
                .optional();
    }

    /** Those the filter and status (null: any) match, newest first, with whether and when each was redriven. */
    List<Viewed> search(Filter filter, DeadLetterStatus status, int limit) {
        return matching("*", filter, status, false, "order by dead_lettered_at desc, id limit :limit")
                .param("limit", limit)
                .query(DeadLetterStore::toView)
                .list();
    }

    List<Count> countByReasonAndStatus() {
        return jdbc.sql("select reason, status, count(*) as count from dead_letters group by reason, status"
                        + " order by reason, status")
                .query(Count.class)
                .list();
    }

    /**
     * How many dead letters the filter matches: whatever their status, or only those {@link #lockRedrivable} would take
     * now, without a limit.
     */
    int count(Filter filter, boolean redrivableOnly) {
        return matching("count(*)", filter, redrivableOnly ? DeadLetterStatus.OPEN : null, redrivableOnly, "")
                .query(Integer.class)
                .single();
    }

    /**
     * The {@code OPEN} redrivable dead letters the filter matches, oldest first, at most {@code limit}; locked until
     * the transaction ends, so that a concurrent redrive waits and then finds them redriven.
     */
    List<DeadLetter> lockRedrivable(Filter filter, int limit) {
        return matching(
                        "*",
                        filter,
                        DeadLetterStatus.OPEN,
                        true,
                        "order by dead_lettered_at, id limit :limit for update")
                .param("limit", limit)
                .query(DeadLetterStore::toDeadLetter)
                .list();
    }

    /**
     * Marks it redriven by the audited action, once: false when it is no longer in the expected status (redriven by
     * someone else meanwhile).
     */
    boolean markRedriven(UUID id, DeadLetterStatus expected, String by, Instant at, UUID auditId) {
        return jdbc.sql("""
                        update dead_letters set status = :redriven, redriven_at = :at, redriven_by = :by,
                            redrive_audit_id = :auditId
                        where id = :id and status = :expected
                        """)
                        .param("redriven", DeadLetterStatus.REDRIVEN.name())
                        .param("at", param(at))
                        .param("by", by)
                        .param("auditId", auditId)
                        .param("id", id)
                        .param("expected", expected.name())
                        .update()
                == 1;
    }

    /** A select of the dead letters the filter matches: one {@code and} per given criterion, with its value. */
    private JdbcClient.StatementSpec matching(
            String columns, Filter filter, DeadLetterStatus status, boolean redrivableOnly, String rest) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        given(conditions, values, "reason = :reason", "reason", filter.reason());
        given(conditions, values, "owner_id = :ownerId", "ownerId", filter.ownerId());
        given(conditions, values, "deletion_id = :deletionId", "deletionId", filter.deletionId());
        given(conditions, values, "dead_lettered_at >= :from", "from", param(filter.from()));
        given(conditions, values, "dead_lettered_at < :to", "to", param(filter.to()));
        given(conditions, values, "status = :status", "status", status == null ? null : status.name());
        if (redrivableOnly) {
            conditions.add("redrivable");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return jdbc.sql("select " + columns + " from dead_letters" + where + " " + rest)
                .params(values);
    }

    private static void given(
            List<String> conditions, Map<String, Object> values, String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.put(name, value);
        }
    }

    private static Viewed toView(ResultSet row, int rowNum) throws SQLException {
        DeadLetterStatus status = DeadLetterStatus.valueOf(row.getString("status"));
        return new Viewed(
                toDeadLetter(row, rowNum),
                status,
                row.getBoolean("redrivable") && status != DeadLetterStatus.REDRIVEN,
                instant(row, "redriven_at"),
                row.getString("redriven_by"));
    }

    private static DeadLetter toDeadLetter(ResultSet row, int rowNum) throws SQLException {
        return new DeadLetter(
                row.getObject("id", UUID.class),
                row.getObject("block_id", UUID.class),
                row.getObject("source_event_id", UUID.class),
                row.getObject("deletion_id", UUID.class),
                row.getObject("owner_id", UUID.class),
                row.getString("reason"),
                row.getString("detail"),
                row.getObject("last_http_status", Integer.class),
                row.getInt("attempts"),
                instant(row, "first_failure_at"),
                instant(row, "last_failure_at"),
                row.getBoolean("redrivable"),
                KeptRecord.read(row),
                instant(row, "dead_lettered_at"));
    }
}

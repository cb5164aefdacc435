package dev.deletionpipeline.worker.tasks;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Table {@code deletion_tasks}, its one repository (besides the claim's attempt count, which must be in the claim's
 * statement). Every change of one task names it by {@link TaskKey}, so late work for an older event of a block never
 * touches the task of a newer deletion. The pick sees only the tasks of the lifecycle partitions this instance holds
 * ({@link OwnedPartitions}).
 */
@Repository
public class TaskStore {

    /** Names one task exactly: a block and the event its task was taken in from. */
    public record TaskKey(UUID blockId, UUID sourceEventId) {}

    /** A {@code BlockSoftDeleted} taken in from Kafka, with its record kept for a possible dead letter. */
    public record NewTask(BlockSoftDeleted event, KeptRecord record) {}

    /** Move a task's next turn to {@code dueAt}: a rate-limit deferral or a wait for someone else's lease. */
    public record Reschedule(TaskKey task, Instant dueAt) {}

    /** A failed attempt that will be retried at {@code dueAt}, with what Google last said. */
    public record RetryRecord(
            TaskKey task, Instant dueAt, Instant failedAt, int httpStatus, String reason, String detail) {}

    /** Of one owner's deletion: how many blocks synced to Google are past their grace period and not yet done. */
    public record WaitingBlocks(UUID ownerId, UUID deletionId, int blocks) {}

    /** The task of a dependant removed with its parent: its source event and soft-delete time. */
    public record DependantTask(UUID sourceEventId, Instant softDeletedAt) {}

    private static final String ADMIT = """
            insert into deletion_tasks (block_id, source_event_id, deletion_id, owner_id, calendar_id, google_event_id,
                soft_deleted_at, purge_after, due_at, source_topic, source_partition, source_offset, record_key,
                record_value, record_headers)
            values (:blockId, :eventId, :deletionId, :ownerId, :calendarId, :googleEventId, :deletedAt, :purgeAfter,
                :purgeAfter, :topic, :partition, :offset, :key, :value, cast(:headers as jsonb))
            on conflict (block_id) do update set source_event_id = excluded.source_event_id,
                deletion_id = excluded.deletion_id, owner_id = excluded.owner_id, calendar_id = excluded.calendar_id,
                google_event_id = excluded.google_event_id,
                soft_deleted_at = excluded.soft_deleted_at, purge_after = excluded.purge_after,
                due_at = excluded.due_at, attempts = 0, first_claimed_at = null, first_failure_at = null,
                last_failure_at = null, last_http_status = null, last_reason = null, last_detail = null,
                source_topic = excluded.source_topic, source_partition = excluded.source_partition,
                source_offset = excluded.source_offset, record_key = excluded.record_key,
                record_value = excluded.record_value, record_headers = excluded.record_headers
            where deletion_tasks.deletion_id <> excluded.deletion_id
            """;

    // Fair across owners: at most perOwner tasks of any one owner per pick, so one owner's bulk purge cannot fill every
    // pick, and owners take turns (every owner's oldest due task before any owner's second), so an owner's single
    // deletion is in the next pick however many older tasks of other owners' bulks are due; the due tasks are read once
    // (a window per owner). Within the quotas: no synced task of a resting owner, at most :calls synced tasks in all
    // (tasks never synced to Google need no permit), so that what is picked is admitted rather than deferred and picked
    // again. Only the tasks finally picked are locked; SKIP LOCKED keeps concurrent picks of several workers disjoint
    // and deadlock-free, and moving due_at forward is the lease. %s is the partition filter: none for an instance that
    // holds every lifecycle partition. The kept record is not read: its bytes and headers would be read and parsed on
    // every pick for nothing. The lock step looks the candidates up by primary key as one array (an index condition),
    // and its condition on due_at is one boolean that no index can serve. Joined to the candidates instead, the plan
    // followed the statistics, and with some it read the whole table (a seq scan, or the primary key's every entry
    // compared with every candidate: 0.8 s a pick with a 25,000-task backlog, 18,000 buffers a pick at 100 deletions/s
    // on a table a bulk had churned) or started from every due task (0.5 s a pick for 5,000 due tasks) (PickPlanIT).
    static final String PICK_DUE = """
            with candidates as (
                select block_id from (
                    select block_id, synced, nth, due_at,
                        row_number() over (partition by synced order by nth, due_at) as synced_turn
                    from (
                        select block_id, due_at, google_event_id is not null as synced,
                            row_number() over (partition by owner_id order by due_at) as nth
                        from deletion_tasks where due_at <= :now
                            and (google_event_id is null or owner_id <> all(:resting))%s) by_owner
                    where nth <= :perOwner) by_turn
                where not synced or synced_turn <= :calls
                order by nth, due_at limit :limit
            ), locked as (
                select d.block_id from deletion_tasks d
                where d.block_id = any(array(select block_id from candidates)) and (d.due_at <= :now) is true
                for update of d skip locked)
            update deletion_tasks d set due_at = :leaseUntil
            from locked l
            where d.block_id = l.block_id
            returning d.block_id, d.source_event_id, d.deletion_id, d.owner_id, d.calendar_id, d.google_event_id,
                d.soft_deleted_at, d.first_failure_at
            """;

    // one index lookup per partition held (deletion_tasks_partition_due_idx), instead of reading all its tasks
    private static final String NEXT_DUE_OF_PARTITIONS = """
            select min(next.due_at) from unnest(:partitions) as p(number)
            cross join lateral (
                select min(due_at) as due_at from deletion_tasks where source_partition = p.number) next
            """;

    private static final String KEYS = "unnest(:blockIds, :sourceEventIds) as k(block_id, source_event_id)";
    private static final String KEY_MATCHES = "t.block_id = k.block_id and t.source_event_id = k.source_event_id";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final OwnedPartitions owned;

    TaskStore(JdbcClient jdbc, NamedParameterJdbcTemplate batches, OwnedPartitions owned) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.owned = owned;
    }

    /** Takes in deletions; a redelivered event changes nothing, a newer deletion of the block replaces the older. */
    public void admit(List<NewTask> tasks) {
        batches.batchUpdate(ADMIT, batch(tasks, task -> {
            BlockSoftDeleted event = task.event();
            return task.record()
                    .addTo(new MapSqlParameterSource())
                    .addValue("blockId", event.blockId())
                    .addValue("eventId", event.eventId())
                    .addValue("deletionId", event.deletionId())
                    .addValue("ownerId", event.ownerId())
                    .addValue("calendarId", event.calendarId())
                    .addValue("googleEventId", event.googleEventId(), Types.VARCHAR)
                    .addValue("deletedAt", param(event.deletedAt()))
                    .addValue("purgeAfter", param(event.purgeAfter()));
        }));
    }

    /** A restore ended this deletion: its task, if still waiting, is dropped. */
    public void cancel(UUID blockId, UUID deletionId) {
        jdbc.sql("delete from deletion_tasks where block_id = :blockId and deletion_id = :deletionId")
                .param("blockId", blockId)
                .param("deletionId", deletionId)
                .update();
    }

    /**
     * A legal hold on the block was released: its task falls due now (or at the end of its grace period, if that is
     * still ahead), instead of at the held block's next recheck. The release's event can arrive before the release is
     * visible to other sessions (PostgreSQL hands a commit to logical decoding first, see {@code BlockStates}): a lock
     * on the hold's row waits for the releasing transaction, so that the claim after this does not still find the block
     * held and put it back for a whole recheck.
     */
    public void resume(UUID blockId, UUID deletionId, UUID holdId, Instant now) {
        jdbc.sql("select id from legal_holds where id = :holdId for share")
                .param("holdId", holdId)
                .query()
                .listOfRows();
        jdbc.sql("""
                        update deletion_tasks set due_at = greatest(purge_after, :now)
                        where block_id = :blockId and deletion_id = :deletionId and due_at > greatest(purge_after, :now)
                        """)
                .param("now", param(now))
                .param("blockId", blockId)
                .param("deletionId", deletionId)
                .update();
    }

    /** How many tasks a pick may take: in all, of one owner, synced to Google; and whose synced tasks not at all. */
    public record PickLimits(int limit, int perOwner, int synced, Set<UUID> resting) {}

    /**
     * Picks due tasks of the lifecycle partitions this instance holds and leases them until {@code leaseUntil}: a
     * worker that dies with them lets them fall due again.
     */
    public List<DeletionTask> pickDue(Instant now, Instant leaseUntil, PickLimits limits) {
        return ofOwnedPartitions(PICK_DUE.formatted(""), PICK_DUE.formatted(" and source_partition = any(:partitions)"))
                .map(pick -> pick.param("now", param(now))
                        .param("perOwner", limits.perOwner())
                        .param("limit", limits.limit())
                        .param("calls", limits.synced())
                        .param(
                                "resting",
                                new SqlArrayValue("uuid", limits.resting().toArray()))
                        .param("leaseUntil", param(leaseUntil))
                        .query(TaskStore::task)
                        .list())
                .orElse(List.of());
    }

    public void reschedule(List<Reschedule> reschedules) {
        batches.batchUpdate(
                "update deletion_tasks set due_at = :dueAt where block_id = :blockId and source_event_id = :sourceEventId",
                batch(reschedules, r -> key(r.task()).addValue("dueAt", param(r.dueAt()))));
    }

    public void recordRetries(List<RetryRecord> retries) {
        batches.batchUpdate(
                """
                update deletion_tasks set due_at = :dueAt, first_failure_at = coalesce(first_failure_at, :failedAt),
                    last_failure_at = :failedAt, last_http_status = :httpStatus, last_reason = :reason,
                    last_detail = :detail
                where block_id = :blockId and source_event_id = :sourceEventId
                """,
                batch(
                        retries,
                        r -> key(r.task())
                                .addValue("dueAt", param(r.dueAt()))
                                .addValue("failedAt", param(r.failedAt()))
                                .addValue("httpStatus", r.httpStatus())
                                .addValue("reason", r.reason(), Types.VARCHAR)
                                .addValue("detail", r.detail(), Types.VARCHAR)));
    }

    public void remove(List<TaskKey> tasks) {
        if (!tasks.isEmpty()) {
            byKeys(jdbc.sql("delete from deletion_tasks t using " + KEYS + " where " + KEY_MATCHES), tasks)
                    .update();
        }
    }

    /** Removes the tasks of these blocks (dependants removed with their parent) and says which existed. */
    public Map<UUID, DependantTask> removeOfBlocks(List<UUID> blockIds) {
        Map<UUID, DependantTask> tasks = new HashMap<>();
        if (!blockIds.isEmpty()) {
            jdbc.sql("delete from deletion_tasks where block_id = any(:ids)"
                            + " returning block_id, source_event_id, soft_deleted_at")
                    .param("ids", new SqlArrayValue("uuid", blockIds.toArray()))
                    .query(row -> {
                        tasks.put(
                                row.getObject("block_id", UUID.class),
                                new DependantTask(
                                        row.getObject("source_event_id", UUID.class), instant(row, "soft_deleted_at")));
                    });
        }
        return tasks;
    }

    /**
     * The Kafka records kept with these tasks, in one query; a task no longer in the table is not in the answer. Only a
     * dead letter needs them, so a pick does not carry them along.
     */
    public Map<TaskKey, KeptRecord> keptRecords(List<TaskKey> tasks) {
        Map<TaskKey, KeptRecord> records = new HashMap<>();
        if (!tasks.isEmpty()) {
            byKeys(jdbc.sql("select t.* from deletion_tasks t join " + KEYS + " on " + KEY_MATCHES), tasks)
                    .query(row -> {
                        records.put(
                                new TaskKey(
                                        row.getObject("block_id", UUID.class),
                                        row.getObject("source_event_id", UUID.class)),
                                KeptRecord.read(row));
                    });
        }
        return records;
    }

    /** When the next task this instance may pick falls due, or empty when there is none. */
    public Optional<Instant> nextDueAt() {
        return ofOwnedPartitions("select min(due_at) from deletion_tasks", NEXT_DUE_OF_PARTITIONS)
                .flatMap(next -> next.query(OffsetDateTime.class).optional())
                .map(OffsetDateTime::toInstant);
    }

    /**
     * A statement over the tasks this instance may pick: those taken in from the lifecycle partitions it holds, or
     * every task when it holds them all (the single-instance case, the same statement as without partitions); none
     * when it holds no partition (yet, or any more).
     *
     * @param ofPartitions the statement restricted to {@code :partitions}
     */
    private Optional<JdbcClient.StatementSpec> ofOwnedPartitions(String everything, String ofPartitions) {
        Set<Integer> held = owned.held();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                owned.all(held)
                        ? jdbc.sql(everything)
                        : jdbc.sql(ofPartitions).param("partitions", new SqlArrayValue("int4", held.toArray())));
    }

    /**
     * The owners' (or, with {@code everyOwner}, every owner's) synced tasks past their grace period (due now or deferred
     * to a quota turn), per deletion.
     */
    public List<WaitingBlocks> waitingSyncedBlocks(Collection<UUID> owners, boolean everyOwner, Instant now) {
        return jdbc.sql("""
                        select owner_id, deletion_id, count(*) as blocks from deletion_tasks
                        where (:everyOwner or owner_id = any(:owners))
                          and google_event_id is not null and purge_after <= :now group by owner_id, deletion_id
                        """)
                .param("everyOwner", everyOwner)
                .param("owners", new SqlArrayValue("uuid", owners.toArray()))
                .param("now", param(now))
                .query(WaitingBlocks.class)
                .list();
    }

    private static JdbcClient.StatementSpec byKeys(JdbcClient.StatementSpec statement, List<TaskKey> tasks) {
        Object[] blockIds = tasks.stream().map(TaskKey::blockId).toArray();
        Object[] sourceEventIds = tasks.stream().map(TaskKey::sourceEventId).toArray();
        return statement
                .param("blockIds", new SqlArrayValue("uuid", blockIds))
                .param("sourceEventIds", new SqlArrayValue("uuid", sourceEventIds));
    }

    private static MapSqlParameterSource key(TaskKey key) {
        return new MapSqlParameterSource()
                .addValue("blockId", key.blockId())
                .addValue("sourceEventId", key.sourceEventId());
    }

    private static <T> SqlParameterSource[] batch(List<T> items, Function<T, MapSqlParameterSource> row) {
        return items.stream().map(row).toArray(SqlParameterSource[]::new);
    }

    private static DeletionTask task(ResultSet row, int rowNum) throws SQLException {
        return new DeletionTask(
                row.getObject("block_id", UUID.class),
                row.getObject("source_event_id", UUID.class),
                row.getObject("deletion_id", UUID.class),
                row.getObject("owner_id", UUID.class),
                row.getString("calendar_id"),
                row.getString("google_event_id"),
                instant(row, "soft_deleted_at"),
                instant(row, "first_failure_at"));
    }
}

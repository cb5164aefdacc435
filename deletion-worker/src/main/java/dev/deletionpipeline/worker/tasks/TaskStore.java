package dev.deletionpipeline.worker.tasks;

import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.worker.SqlArrays;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code deletion_tasks}. Every change of one task names it by {@link TaskKey}, so late work for an
 * older event of a block never touches the task of a newer deletion. The pick sees only the tasks of the lifecycle
 * partitions this instance holds ({@link OwnedPartitions}).
 */
@Repository
public class TaskStore {

    private static final String ADMIT = """
            insert into deletion_tasks (block_id, source_event_id, deletion_id, owner_id, calendar_id, google_event_id,
                soft_deleted_at, purge_after, due_at, source_topic, source_partition, source_offset, record_key,
                record_value, record_headers)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
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
    // (a window per owner). Only the tasks finally picked are locked; SKIP LOCKED
    // keeps concurrent picks of several workers disjoint and deadlock-free, and moving due_at forward is the lease.
    // %s is the partition filter: none for an instance that holds every lifecycle partition.
    private static final String PICK_DUE = """
            with candidates as (
                select block_id from (
                    select block_id, due_at, row_number() over (partition by owner_id order by due_at) as nth
                    from deletion_tasks where due_at <= ?%s) t
                where nth <= ?
                order by nth, due_at limit ?
            ), locked as (
                select d.block_id from deletion_tasks d join candidates c on c.block_id = d.block_id
                where d.due_at <= ?
                for update of d skip locked)
            update deletion_tasks d set due_at = ?
            from locked l
            where d.block_id = l.block_id
            returning
            """ + TaskRows.columns("d");

    private static final String PICK_ALL_DUE = PICK_DUE.formatted("");
    private static final String PICK_DUE_OF_PARTITIONS = PICK_DUE.formatted(" and source_partition = any(?)");

    // one index lookup per partition held (deletion_tasks_partition_due_idx), instead of reading all its tasks
    private static final String NEXT_DUE_OF_PARTITIONS = """
            select min(next.due_at) from unnest(?) as p(number)
            cross join lateral (
                select min(due_at) as due_at from deletion_tasks where source_partition = p.number) next
            """;

    private final JdbcTemplate jdbc;
    private final OwnedPartitions owned;

    TaskStore(JdbcTemplate jdbc, OwnedPartitions owned) {
        this.jdbc = jdbc;
        this.owned = owned;
    }

    /** Takes in deletions; a redelivered event changes nothing, a newer deletion of the block replaces the older. */
    public void admit(List<NewTask> tasks) {
        jdbc.batchUpdate(ADMIT, tasks, tasks.size(), (statement, task) -> {
            BlockSoftDeleted event = task.event();
            KeptRecord record = task.record();
            statement.setObject(1, event.blockId());
            statement.setObject(2, event.eventId());
            statement.setObject(3, event.deletionId());
            statement.setObject(4, event.ownerId());
            statement.setString(5, event.calendarId());
            statement.setString(6, event.googleEventId());
            statement.setObject(7, param(event.deletedAt()));
            statement.setObject(8, param(event.purgeAfter()));
            statement.setObject(9, param(event.purgeAfter()));
            statement.setString(10, record.topic());
            statement.setInt(11, record.partition());
            statement.setLong(12, record.offset());
            statement.setString(13, record.key());
            statement.setBytes(14, record.value());
            statement.setString(15, HeadersJson.write(record.headers()));
        });
    }

    /** A restore ended this deletion: its task, if still waiting, is dropped. */
    public void cancel(UUID blockId, UUID deletionId) {
        jdbc.update("delete from deletion_tasks where block_id = ? and deletion_id = ?", blockId, deletionId);
    }

    /**
     * A legal hold on the block was released: its task falls due now (or at the end of its grace period, if that is
     * still ahead), instead of at the held block's next recheck.
     */
    public void resume(UUID blockId, UUID deletionId, Instant now) {
        jdbc.update(
                "update deletion_tasks set due_at = greatest(purge_after, ?) where block_id = ? and deletion_id = ?"
                        + " and due_at > greatest(purge_after, ?)",
                param(now),
                blockId,
                deletionId,
                param(now));
    }

    /**
     * Picks due tasks of the lifecycle partitions this instance holds and leases them until {@code leaseUntil}: a
     * worker that dies with them lets them fall due again.
     */
    public List<DeletionTask> pickDue(Instant now, Instant leaseUntil, int limit, int perOwner) {
        OffsetDateTime at = param(now);
        Pickable pickable = owned.pickable();
        if (pickable.everything()) {
            return jdbc.query(PICK_ALL_DUE, TaskRows.INSTANCE, at, perOwner, limit, at, param(leaseUntil));
        }
        if (pickable.nothing()) {
            return List.of();
        }
        return jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(PICK_DUE_OF_PARTITIONS);
                    statement.setObject(1, at);
                    statement.setArray(2, SqlArrays.ints(connection, pickable.partitions()));
                    statement.setInt(3, perOwner);
                    statement.setInt(4, limit);
                    statement.setObject(5, at);
                    statement.setObject(6, param(leaseUntil));
                    return statement;
                },
                TaskRows.INSTANCE);
    }

    // one statement per call, not one per task: a round under the quotas defers most of what it picked
    private static final String RESCHEDULE = """
            update deletion_tasks d set due_at = r.due_at
            from unnest(?, ?, cast(? as timestamptz[])) as r(block_id, source_event_id, due_at)
            where d.block_id = r.block_id and d.source_event_id = r.source_event_id
            """;

    public void reschedule(List<Reschedule> reschedules) {
        if (reschedules.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(RESCHEDULE);
            statement.setArray(
                    1,
                    SqlArrays.uuids(
                            connection,
                            reschedules.stream().map(r -> r.task().blockId()).toList()));
            statement.setArray(
                    2,
                    SqlArrays.uuids(
                            connection,
                            reschedules.stream()
                                    .map(r -> r.task().sourceEventId())
                                    .toList()));
            statement.setArray(
                    3,
                    connection.createArrayOf(
                            "text",
                            reschedules.stream().map(r -> r.dueAt().toString()).toArray()));
            return statement;
        });
    }

    public void recordRetries(List<RetryRecord> retries) {
        jdbc.batchUpdate("""
                update deletion_tasks set due_at = ?, first_failure_at = coalesce(first_failure_at, ?),
                    last_failure_at = ?, last_http_status = ?, last_reason = ?, last_detail = ?
                where block_id = ? and source_event_id = ?
                """, retries, retries.size(), (statement, r) -> {
            statement.setObject(1, param(r.dueAt()));
            statement.setObject(2, param(r.failedAt()));
            statement.setObject(3, param(r.failedAt()));
            statement.setInt(4, r.httpStatus());
            statement.setString(5, r.reason());
            statement.setString(6, r.detail());
            statement.setObject(7, r.task().blockId());
            statement.setObject(8, r.task().sourceEventId());
        });
    }

    public void remove(List<TaskKey> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "delete from deletion_tasks t using unnest(?, ?) as k(block_id, source_event_id)"
                            + " where t.block_id = k.block_id and t.source_event_id = k.source_event_id");
            statement.setArray(
                    1,
                    SqlArrays.uuids(
                            connection, tasks.stream().map(TaskKey::blockId).toList()));
            statement.setArray(
                    2,
                    SqlArrays.uuids(
                            connection,
                            tasks.stream().map(TaskKey::sourceEventId).toList()));
            return statement;
        });
    }

    /** When the next task this instance may pick falls due, or empty when there is none. */
    public Optional<Instant> nextDueAt() {
        Pickable pickable = owned.pickable();
        if (pickable.nothing()) {
            return Optional.empty();
        }
        OffsetDateTime next = pickable.everything()
                ? jdbc.queryForObject("select min(due_at) from deletion_tasks", OffsetDateTime.class)
                : jdbc.query(
                        connection -> {
                            PreparedStatement statement = connection.prepareStatement(NEXT_DUE_OF_PARTITIONS);
                            statement.setArray(1, SqlArrays.ints(connection, pickable.partitions()));
                            return statement;
                        },
                        row -> row.next() ? row.getObject(1, OffsetDateTime.class) : null);
        return Optional.ofNullable(next).map(OffsetDateTime::toInstant);
    }

    /** Of one owner's deletion: how many blocks synced to Google are past their grace period and not yet done. */
    public record WaitingBlocks(UUID ownerId, UUID deletionId, int blocks) {}

    /** The owners' synced tasks past their grace period (due now or deferred to a quota turn), per deletion. */
    public List<WaitingBlocks> waitingSyncedBlocks(Collection<UUID> owners, Instant now) {
        if (owners.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "select owner_id, deletion_id, count(*) from deletion_tasks where owner_id = any(?)"
                                    + " and google_event_id is not null and purge_after <= ?"
                                    + " group by owner_id, deletion_id");
                    statement.setArray(1, SqlArrays.uuids(connection, owners));
                    statement.setObject(2, param(now));
                    return statement;
                },
                (row, i) ->
                        new WaitingBlocks(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3)));
    }
}

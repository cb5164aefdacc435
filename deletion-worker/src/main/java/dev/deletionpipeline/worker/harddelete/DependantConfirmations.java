package dev.deletionpipeline.worker.harddelete;

import static dev.deletionpipeline.common.sql.SqlTime.instant;
import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.worker.SqlArrays;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms dependants that left with their parent: at once when their own task was already taken in, or later, when
 * it arrives, from their row of {@code removed_dependants} (this class is that table's one writer besides
 * housekeeping's age-based removal). Either way under the id derived from their own event.
 */
@Component
public class DependantConfirmations {

    /**
     * A dependant removed with its parent: a child without a Google event of its own, or an instance of a series whose
     * Google deletion removed it too.
     *
     * @param googleAnsweredAt nullable: when Google answered for the parent (null if the parent was never synced)
     */
    record RemovedDependant(
            UUID blockId,
            UUID parentBlockId,
            UUID deletionId,
            UUID ownerId,
            String calendarId,
            String googleEventId,
            Instant googleAnsweredAt,
            Instant hardDeletedAt) {

        HardDeleteOutcome outcome() {
            return googleEventId == null ? HardDeleteOutcome.NOT_SYNCED : HardDeleteOutcome.ALREADY_GONE;
        }

        HardDeleteConfirmed confirmation(UUID sourceEventId, Instant softDeletedAt) {
            return new HardDeleteConfirmed(
                    HardDeleter.confirmationIdFor(sourceEventId),
                    sourceEventId,
                    deletionId,
                    blockId,
                    ownerId,
                    calendarId,
                    googleEventId,
                    outcome(),
                    0,
                    0,
                    softDeletedAt,
                    null,
                    googleAnsweredAt,
                    hardDeletedAt);
        }
    }

    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final ConfirmationWriter confirmations;
    private final TaskStore tasks;
    private final DeletionReceipts receipts;

    DependantConfirmations(
            TransactionTemplate transaction,
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batches,
            ConfirmationWriter confirmations,
            TaskStore tasks,
            DeletionReceipts receipts) {
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.batches = batches;
        this.confirmations = confirmations;
        this.tasks = tasks;
        this.receipts = receipts;
    }

    /** Writes the confirmations of tasks whose blocks were removed with their parent before the task came in. */
    public void confirmLate(List<DeletionTask> lateTasks) {
        if (lateTasks.isEmpty()) {
            return;
        }
        Map<UUID, DeletionTask> byBlock =
                lateTasks.stream().collect(Collectors.toMap(DeletionTask::blockId, Function.identity()));
        transaction.executeWithoutResult(status -> {
            List<RemovedDependant> removed = take(List.copyOf(byBlock.keySet()));
            confirmations.write(
                    removed.stream()
                            .map(r -> r.confirmation(
                                    byBlock.get(r.blockId()).sourceEventId(),
                                    byBlock.get(r.blockId()).softDeletedAt()))
                            .toList(),
                    Map.of());
            tasks.remove(lateTasks.stream().map(DeletionTask::key).toList());
            receipts.completeFinished(
                    removed.stream().map(RemovedDependant::deletionId).toList());
        });
    }

    /** Keeps dependants hard-deleted before their own task came in, until that task writes their confirmation. */
    void keep(List<RemovedDependant> removed) {
        batches.batchUpdate(
                """
                insert into removed_dependants (block_id, parent_block_id, deletion_id, owner_id, calendar_id,
                    google_event_id, outcome, google_answered_at, hard_deleted_at)
                values (:blockId, :parentBlockId, :deletionId, :ownerId, :calendarId, :googleEventId, :outcome,
                    :googleAnsweredAt, :hardDeletedAt)
                on conflict (block_id) do nothing
                """,
                removed.stream()
                        .map(r -> new MapSqlParameterSource()
                                .addValue("blockId", r.blockId())
                                .addValue("parentBlockId", r.parentBlockId())
                                .addValue("deletionId", r.deletionId())
                                .addValue("ownerId", r.ownerId())
                                .addValue("calendarId", r.calendarId())
                                .addValue("googleEventId", r.googleEventId())
                                .addValue("outcome", r.outcome().name())
                                .addValue("googleAnsweredAt", param(r.googleAnsweredAt()))
                                .addValue("hardDeletedAt", param(r.hardDeletedAt())))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Removes and returns the rows of these blocks. */
    private List<RemovedDependant> take(List<UUID> blockIds) {
        return jdbc.sql("delete from removed_dependants where block_id = any(:ids) returning *")
                .param("ids", SqlArrays.uuids(blockIds))
                .query((row, n) -> new RemovedDependant(
                        row.getObject("block_id", UUID.class),
                        row.getObject("parent_block_id", UUID.class),
                        row.getObject("deletion_id", UUID.class),
                        row.getObject("owner_id", UUID.class),
                        row.getString("calendar_id"),
                        row.getString("google_event_id"),
                        instant(row, "google_answered_at"),
                        instant(row, "hard_deleted_at")))
                .list();
    }
}

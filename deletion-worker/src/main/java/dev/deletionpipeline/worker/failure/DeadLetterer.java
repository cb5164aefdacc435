package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.TaskKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives deletions up, visibly: in one transaction the block becomes {@code deletion_state = FAILED} with its
 * {@code failure_reason} (still soft-deleted, so admins see it), a {@code dead_letters} row is written and the task is
 * removed (and a deletion whose last block this was gets its receipt); then the original record (read from
 * {@code deletion_tasks} only now) goes to {@code blocks.deletion-dead-letters.v1} with the reason headers.
 */
@Component
class DeadLetterer {

    /**
     * A claimed block whose deletion is given up.
     *
     * @param lastHttpStatus Google's last status, 0 when there was no answer
     */
    record GiveUp(ClaimedBlock claim, String reason, String detail, int lastHttpStatus, Instant failedAt) {}

    private static final int MAX_REASON_LENGTH = 1000;

    private final TransactionTemplate transaction;
    private final BlockStates blocks;
    private final DeadLetterStore store;
    private final TaskStore tasks;
    private final DeadLetterPublisher publisher;
    private final DeletionReceipts receipts;
    private final Clock clock;

    DeadLetterer(
            TransactionTemplate transaction,
            BlockStates blocks,
            DeadLetterStore store,
            TaskStore tasks,
            DeadLetterPublisher publisher,
            DeletionReceipts receipts,
            Clock clock) {
        this.transaction = transaction;
        this.blocks = blocks;
        this.store = store;
        this.tasks = tasks;
        this.publisher = publisher;
        this.receipts = receipts;
        this.clock = clock;
    }

    void deadLetter(List<GiveUp> giveUps) {
        if (giveUps.isEmpty()) {
            return;
        }
        List<DeadLetter> written = transaction.execute(status -> markFailed(giveUps));
        publisher.publish(written);
    }

    private List<DeadLetter> markFailed(List<GiveUp> giveUps) {
        boolean[] failed = blocks.fail(
                giveUps.stream().map(GiveUp::claim).toList(),
                giveUps.stream().map(DeadLetterer::failureReason).toList());
        List<GiveUp> mine = new ArrayList<>();
        for (int i = 0; i < giveUps.size(); i++) {
            // not failed: our claim was taken over by another attempt, which now owns the outcome
            if (failed[i]) {
                mine.add(giveUps.get(i));
            }
        }
        List<TaskKey> keys = mine.stream().map(g -> g.claim().task().key()).toList();
        Map<TaskKey, KeptRecord> records = tasks.keptRecords(keys);
        Instant now = clock.instant();
        List<DeadLetter> deadLetters = mine.stream()
                .map(g -> deadLetterOf(g, recordOf(g, records), now))
                .toList();
        store.insert(deadLetters);
        tasks.remove(keys);
        receipts.completeFinished(
                mine.stream().map(g -> g.claim().task().deletionId()).toList());
        return deadLetters;
    }

    // The task stays while our claim holds its block (only the hard delete, this class or a lapsed claim's next
    // attempt remove it, and the claim needs the task's deletion), so its record is there.
    private static KeptRecord recordOf(GiveUp giveUp, Map<TaskKey, KeptRecord> records) {
        KeptRecord record = records.get(giveUp.claim().task().key());
        if (record == null) {
            throw new IllegalStateException(
                    "Task of block " + giveUp.claim().task().blockId() + " vanished while claimed");
        }
        return record;
    }

    private static DeadLetter deadLetterOf(GiveUp giveUp, KeptRecord record, Instant now) {
        ClaimedBlock claim = giveUp.claim();
        DeletionTask task = claim.task();
        Instant first = task.firstFailureAt() != null ? task.firstFailureAt() : giveUp.failedAt();
        return new DeadLetter(
                UUID.randomUUID(),
                task.blockId(),
                task.sourceEventId(),
                task.deletionId(),
                task.ownerId(),
                giveUp.reason(),
                giveUp.detail(),
                giveUp.lastHttpStatus() > 0 ? giveUp.lastHttpStatus() : null,
                claim.taskAttempts(),
                first,
                giveUp.failedAt(),
                true,
                record,
                now);
    }

    private static String failureReason(GiveUp giveUp) {
        String text = giveUp.detail() == null ? giveUp.reason() : giveUp.reason() + ": " + giveUp.detail();
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
    }
}

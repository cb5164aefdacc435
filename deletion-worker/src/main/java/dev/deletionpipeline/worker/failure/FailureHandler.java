package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimExpiry;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.failure.RetryPolicy.RetrySettings;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.RetryRecord;
import dev.deletionpipeline.worker.tasks.TaskStore.TaskKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides, per failed attempt, between a retry and a dead letter ({@link RetryPolicy}). A retry is scheduled in the
 * database — the task falls due again and the claim's lease ends at the same instant — so no thread and no partition
 * waits for it, and it survives a restart. A dead letter gives the deletion up visibly: in one transaction the block
 * becomes {@code FAILED} (still soft-deleted, so admins see it), a {@code dead_letters} row is written and the task is
 * removed (and a deletion whose last block this was gets its receipt); then the original record goes to
 * {@code blocks.deletion-dead-letters.v1} with the reason headers.
 */
@Component
public class FailureHandler {

    /** A claimed block whose Google deletion did not succeed this time. */
    public record Failed(ClaimedBlock claim, GoogleAnswer answer) {}

    /** @param lastHttpStatus Google's last status, 0 when there was no answer */
    private record GiveUp(ClaimedBlock claim, String reason, String detail, int lastHttpStatus, Instant failedAt) {}

    private static final int MAX_REASON_LENGTH = 1000;

    private final RetryPolicy policy;
    private final TransactionTemplate transaction;
    private final TaskStore tasks;
    private final BlockStates blocks;
    private final DeadLetterStore deadLetters;
    private final DeadLetterPublisher publisher;
    private final DeletionReceipts receipts;
    private final Clock clock;

    FailureHandler(
            RetrySettings settings,
            TransactionTemplate transaction,
            TaskStore tasks,
            BlockStates blocks,
            DeadLetterStore deadLetters,
            DeadLetterPublisher publisher,
            DeletionReceipts receipts,
            Clock clock) {
        this.policy = new RetryPolicy(settings);
        this.transaction = transaction;
        this.tasks = tasks;
        this.blocks = blocks;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.receipts = receipts;
        this.clock = clock;
    }

    public void handle(List<Failed> failures, Instant now) {
        List<RetryRecord> retries = new ArrayList<>();
        List<ClaimExpiry> leaseEnds = new ArrayList<>();
        List<GiveUp> giveUps = new ArrayList<>();
        for (Failed failed : failures) {
            ClaimedBlock claim = failed.claim();
            GoogleAnswer answer = failed.answer();
            RetryPolicy.Decision decision = policy.decide(
                    claim.taskAttempts(),
                    answer,
                    now,
                    ThreadLocalRandom.current().nextDouble());
            if (decision.givesUp()) {
                giveUps.add(new GiveUp(
                        claim, decision.reason(), decision.detail(), answer.httpStatus(), answer.answeredAt()));
            } else {
                retries.add(new RetryRecord(
                        claim.task().key(),
                        decision.retryAt(),
                        answer.answeredAt(),
                        answer.httpStatus(),
                        answer.failureReason(),
                        answer.detail()));
                leaseEnds.add(new ClaimExpiry(claim.task().blockId(), claim.claimToken(), decision.retryAt()));
            }
        }
        if (!retries.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                tasks.recordRetries(retries);
                blocks.expireClaims(leaseEnds);
            });
        }
        if (!giveUps.isEmpty()) {
            publisher.publish(transaction.execute(status -> giveUp(giveUps)));
        }
    }

    private List<DeadLetter> giveUp(List<GiveUp> giveUps) {
        boolean[] failed = blocks.fail(
                giveUps.stream().map(GiveUp::claim).toList(),
                giveUps.stream().map(FailureHandler::failureReason).toList());
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
        List<DeadLetter> written = mine.stream()
                .map(g -> deadLetterOf(g, recordOf(g, records), now))
                .toList();
        deadLetters.insert(written);
        tasks.remove(keys);
        receipts.completeFinished(
                mine.stream().map(g -> g.claim().task().deletionId()).toList());
        return written;
    }

    // The task stays while our claim holds its block (only the hard delete, a give-up or a lapsed claim's next attempt
    // remove it, and the claim needs the task's deletion), so its record is there.
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

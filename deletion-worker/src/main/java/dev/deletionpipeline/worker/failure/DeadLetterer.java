package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.claim.ClaimedBlock;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives deletions up, visibly: in one transaction the block becomes {@code deletion_state = 'FAILED'} with its
 * {@code failure_reason} (still soft-deleted, so admins see it), a {@code dead_letters} row is written and the task is
 * removed; then the original record goes to {@code blocks.deletion-dead-letters.v1} with the reason headers.
 */
@Component
class DeadLetterer {

    private static final int MAX_REASON_LENGTH = 1000;

    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final DeadLetterStore store;
    private final TaskStore tasks;
    private final DeadLetterPublisher publisher;
    private final Clock clock;

    DeadLetterer(
            TransactionTemplate transaction,
            JdbcTemplate jdbc,
            DeadLetterStore store,
            TaskStore tasks,
            DeadLetterPublisher publisher,
            Clock clock) {
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.store = store;
        this.tasks = tasks;
        this.publisher = publisher;
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
        int[] updated = jdbc.batchUpdate(
                """
                update blocks set deletion_state = 'FAILED', failure_reason = ?, claimed_by = null,
                    claim_expires_at = null
                where id = ? and claimed_by = ?
                """,
                giveUps.stream()
                        .map(g -> new Object[] {
                            failureReason(g),
                            g.claim().task().blockId(),
                            g.claim().claimToken()
                        })
                        .toList());
        Instant now = clock.instant();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (int i = 0; i < giveUps.size(); i++) {
            // 0 rows: our claim was taken over by another attempt, which now owns the outcome
            if (updated[i] != 0) {
                deadLetters.add(deadLetterOf(giveUps.get(i), now));
            }
        }
        store.insert(deadLetters);
        tasks.remove(giveUps.stream()
                .filter(g -> deadLetters.stream()
                        .anyMatch(d -> d.blockId().equals(g.claim().task().blockId())))
                .map(g -> g.claim().task().key())
                .toList());
        return deadLetters;
    }

    private static DeadLetter deadLetterOf(GiveUp giveUp, Instant now) {
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
                task.record(),
                now);
    }

    private static String failureReason(GiveUp giveUp) {
        String text = giveUp.detail() == null ? giveUp.reason() : giveUp.reason() + ": " + giveUp.detail();
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
    }
}

package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimExpiry;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.RetryRecord;
import dev.deletionpipeline.worker.tasks.TaskStore.TaskKey;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

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

    /**
     * {@code deletion.worker.retry.*} (defaults and meaning of each in application.yml): bounded retries with exponential
     * back-off and jitter, never sooner than Google's Retry-After. A failure Google will not take back (rejected, revoked
     * credential) is given up at once. Pure: the random draw is passed in.
     */
    @Validated
    @ConfigurationProperties("deletion.worker.retry")
    record RetryPolicy(
            @Positive int maxAttempts,
            @PositiveDuration Duration initialBackoff,
            @DecimalMin("1.0") double multiplier,
            @PositiveDuration Duration maxBackoff,
            @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
            @PositiveDuration Duration maxRetryAfter) {

        /**
         * What to do after a failed attempt: try again at {@code retryAt}, or give up with a dead-letter reason.
         *
         * @param retryAt nullable: null when giving up
         * @param reason nullable: the dead-letter reason when giving up
         */
        record Decision(Instant retryAt, String reason, String detail) {

            boolean givesUp() {
                return retryAt == null;
            }
        }

        /**
         * @param attempts Google attempts made so far, the failed one included
         * @param random a draw from {@code [0, 1)} for the jitter
         */
        Decision decide(int attempts, GoogleAnswer answer, Instant now, double random) {
            if (!answer.retryable()) {
                return new Decision(null, answer.failureReason(), answer.detail());
            }
            if (attempts >= maxAttempts) {
                return new Decision(
                        null,
                        DeadLetterReason.GOOGLE_RETRIES_EXHAUSTED.name(),
                        "gave up after " + attempts + " attempts; last: " + answer.failureReason() + " ("
                                + answer.detail() + ")");
            }
            Duration wait = backoff(attempts, random);
            if (answer.retryAfter() != null) {
                Duration asked =
                        answer.retryAfter().compareTo(maxRetryAfter) <= 0 ? answer.retryAfter() : maxRetryAfter;
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            return new Decision(now.plus(wait), null, null);
        }

        /** {@code initial × multiplier^(attempts-1)}, capped, then spread by ±jitter. */
        Duration backoff(int attempts, double random) {
            double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
            double capped = Math.min(base, maxBackoff.toMillis());
            double spread = 1 + jitter * (2 * random - 1);
            return Duration.ofMillis(Math.max(0, Math.round(capped * spread)));
        }
    }

    /** A claimed block whose Google deletion did not succeed this time. */
    public record Failed(ClaimedBlock claim, GoogleAnswer answer) {}

    private record GiveUp(ClaimedBlock claim, RetryPolicy.Decision decision, GoogleAnswer answer) {}

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
            RetryPolicy policy,
            TransactionTemplate transaction,
            TaskStore tasks,
            BlockStates blocks,
            DeadLetterStore deadLetters,
            DeadLetterPublisher publisher,
            DeletionReceipts receipts,
            Clock clock) {
        this.policy = policy;
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
                giveUps.add(new GiveUp(claim, decision, answer));
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
        List<Boolean> failed = blocks.fail(
                giveUps.stream().map(GiveUp::claim).toList(),
                giveUps.stream().map(FailureHandler::failureReason).toList());
        // not failed: our claim was taken over by another attempt, which now owns the outcome
        List<GiveUp> mine = IntStream.range(0, giveUps.size())
                .filter(failed::get)
                .mapToObj(giveUps::get)
                .toList();
        List<TaskKey> keys = mine.stream().map(g -> g.claim().task().key()).toList();
        Map<TaskKey, KeptRecord> records = tasks.keptRecords(keys);
        Instant now = clock.instant();
        List<DeadLetter> written =
                mine.stream().map(g -> deadLetterOf(g, records, now)).toList();
        deadLetters.insert(written);
        tasks.remove(keys);
        receipts.completeFinished(
                mine.stream().map(g -> g.claim().task().deletionId()).toList());
        return written;
    }

    private static DeadLetter deadLetterOf(GiveUp giveUp, Map<TaskKey, KeptRecord> records, Instant now) {
        ClaimedBlock claim = giveUp.claim();
        DeletionTask task = claim.task();
        // The task stays while our claim holds its block (only the hard delete, a give-up or a lapsed claim's next
        // attempt remove it, and the claim needs the task's deletion), so its record is there.
        KeptRecord record = records.get(task.key());
        if (record == null) {
            throw new IllegalStateException("Task of block " + task.blockId() + " vanished while claimed");
        }
        Instant failedAt = giveUp.answer().answeredAt();
        int lastHttpStatus = giveUp.answer().httpStatus();
        return new DeadLetter(
                UUID.randomUUID(),
                task.blockId(),
                task.sourceEventId(),
                task.deletionId(),
                task.ownerId(),
                giveUp.decision().reason(),
                giveUp.decision().detail(),
                lastHttpStatus > 0 ? lastHttpStatus : null,
                claim.taskAttempts(),
                task.firstFailureAt() != null ? task.firstFailureAt() : failedAt,
                failedAt,
                true,
                record,
                now);
    }

    private static String failureReason(GiveUp giveUp) {
        RetryPolicy.Decision decision = giveUp.decision();
        String text = decision.detail() == null ? decision.reason() : decision.reason() + ": " + decision.detail();
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
    }
}

package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimExpiry;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.failure.DeadLetterer.GiveUp;
import dev.deletionpipeline.worker.failure.RetryPolicy.RetrySettings;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.RetryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides, per failed attempt, between a retry and a dead letter ({@link RetryPolicy}). A retry is scheduled in the
 * database — the task falls due again and the claim's lease ends at the same instant — so no thread and no partition
 * waits for it, and it survives a restart.
 */
@Component
public class FailureHandler {

    /** A claimed block whose Google deletion did not succeed this time. */
    public record Failed(ClaimedBlock claim, GoogleAnswer answer) {}

    private final RetryPolicy policy;
    private final TransactionTemplate transaction;
    private final TaskStore tasks;
    private final BlockStates claims;
    private final DeadLetterer deadLetterer;

    FailureHandler(
            RetrySettings settings,
            TransactionTemplate transaction,
            TaskStore tasks,
            BlockStates claims,
            DeadLetterer deadLetterer) {
        this.policy = new RetryPolicy(settings);
        this.transaction = transaction;
        this.tasks = tasks;
        this.claims = claims;
        this.deadLetterer = deadLetterer;
    }

    public void handle(List<Failed> failures, Instant now) {
        List<RetryRecord> retries = new ArrayList<>();
        List<ClaimExpiry> leaseEnds = new ArrayList<>();
        List<GiveUp> giveUps = new ArrayList<>();
        for (Failed failed : failures) {
            GoogleAnswer answer = failed.answer();
            RetryPolicy.Decision decision = policy.decide(
                    failed.claim().taskAttempts(),
                    answer,
                    now,
                    ThreadLocalRandom.current().nextDouble());
            if (decision.givesUp()) {
                giveUps.add(new GiveUp(
                        failed.claim(),
                        decision.reason(),
                        decision.detail(),
                        answer.httpStatus(),
                        answer.answeredAt()));
            } else {
                retries.add(new RetryRecord(
                        failed.claim().task().key(),
                        decision.retryAt(),
                        answer.answeredAt(),
                        answer.httpStatus(),
                        answer.failureReason(),
                        answer.detail()));
                leaseEnds.add(new ClaimExpiry(
                        failed.claim().task().blockId(), failed.claim().claimToken(), decision.retryAt()));
            }
        }
        if (!retries.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                tasks.recordRetries(retries);
                claims.expireClaims(leaseEnds);
            });
        }
        deadLetterer.deadLetter(giveUps);
    }
}

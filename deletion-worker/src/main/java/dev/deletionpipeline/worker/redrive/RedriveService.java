package dev.deletionpipeline.worker.redrive;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.worker.failure.DeadLetter;
import dev.deletionpipeline.worker.failure.DeadLetterStore;
import dev.deletionpipeline.worker.tasks.NewTask;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a dead-lettered deletion back into the pipeline, in one transaction: the dead letter is marked redriven (once
 * only), the block goes from {@code FAILED} back to {@code SOFT_DELETED}, and a task with the original record and
 * event id is due at once. A second redrive of the same dead letter is refused, so it cannot delete twice; and the
 * claim's conditions would stop it anyway.
 */
@Service
class RedriveService {

    private static final JsonSerde<BlockSoftDeleted> EVENTS = new JsonSerde<>(BlockSoftDeleted.class);

    private final TransactionTemplate transaction;
    private final DeadLetterStore deadLetters;
    private final TaskStore tasks;
    private final TaskSignal signal;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RedriveService(
            TransactionTemplate transaction,
            DeadLetterStore deadLetters,
            TaskStore tasks,
            TaskSignal signal,
            JdbcTemplate jdbc,
            Clock clock) {
        this.transaction = transaction;
        this.deadLetters = deadLetters;
        this.tasks = tasks;
        this.signal = signal;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    RedriveOutcome redrive(UUID deadLetterId, String admin) {
        RedriveOutcome outcome = transaction.execute(status -> requeue(deadLetterId, admin, clock.instant()));
        signal.signal();
        return outcome;
    }

    private RedriveOutcome requeue(UUID id, String admin, Instant now) {
        DeadLetter deadLetter = deadLetters
                .find(id)
                .orElseThrow(() -> new RedriveRefused(HttpStatus.NOT_FOUND, "No dead letter " + id));
        if (!deadLetter.redrivable()) {
            throw new RedriveRefused(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Dead letter " + id + " is a record that cannot be read (" + deadLetter.reason()
                            + "); sending it again would fail the same way");
        }
        if (!deadLetters.markRedriven(id, admin, now)) {
            throw new RedriveRefused(HttpStatus.CONFLICT, "Dead letter " + id + " was already redriven");
        }
        BlockSoftDeleted event = EVENTS.deserializer()
                .deserialize(deadLetter.record().topic(), deadLetter.record().value());
        int reset = jdbc.update(
                "update blocks set deletion_state = 'SOFT_DELETED', failure_reason = null"
                        + " where id = ? and deletion_id = ? and deletion_state = 'FAILED'",
                event.blockId(),
                event.deletionId());
        if (reset == 1) {
            tasks.admit(List.of(new NewTask(event, deadLetter.record())));
            return new RedriveOutcome(id, event.blockId(), event.eventId(), "REQUEUED");
        }
        if (confirmed(event.blockId())) {
            return new RedriveOutcome(id, event.blockId(), event.eventId(), "ALREADY_CONFIRMED");
        }
        throw new RedriveRefused(
                HttpStatus.CONFLICT,
                "Block " + event.blockId() + " is no longer a failed deletion (restored or deleted anew)");
    }

    private boolean confirmed(UUID blockId) {
        Integer receipts = jdbc.queryForObject(
                "select count(*) from deletion_receipts where block_id = ?", Integer.class, blockId);
        return receipts != null && receipts > 0;
    }
}

package dev.deletionpipeline.worker.redrive;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.worker.failure.DeadLetter;
import dev.deletionpipeline.worker.failure.DeadLetterFilter;
import dev.deletionpipeline.worker.failure.DeadLetterStore;
import dev.deletionpipeline.worker.failure.DeadLetterView;
import dev.deletionpipeline.worker.tasks.NewTask;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts dead-lettered deletions back into the pipeline, one or all a filter matches, each call in one transaction: the
 * dead letters are marked {@code REDRIVEN} (once only) with the {@code admin_audit} entry that says who, why and how
 * many, each block goes from {@code FAILED} back to {@code SOFT_DELETED}, and a task with the original record and event
 * id is due at once. A redriven dead letter cannot be redriven again, so nothing is deleted twice (and the claim's
 * conditions would stop it anyway). A filter takes only {@code OPEN} redrivable ones: a {@code PARKED} dead letter
 * failed again after a redrive and is only redriven singly, with {@code unpark}.
 */
@Service
class RedriveService {

    private static final JsonSerde<BlockSoftDeleted> EVENTS = new JsonSerde<>(BlockSoftDeleted.class);

    private final TransactionTemplate transaction;
    private final DeadLetterStore deadLetters;
    private final TaskStore tasks;
    private final TaskSignal signal;
    private final RedriveAudit audit;
    private final RedriveSettings settings;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RedriveService(
            TransactionTemplate transaction,
            DeadLetterStore deadLetters,
            TaskStore tasks,
            TaskSignal signal,
            RedriveAudit audit,
            RedriveSettings settings,
            JdbcTemplate jdbc,
            Clock clock) {
        this.transaction = transaction;
        this.deadLetters = deadLetters;
        this.tasks = tasks;
        this.signal = signal;
        this.audit = audit;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a filter matches now, whatever the status, and how many of those a redrive would take. */
    record Preview(int matched, int redrivable) {}

    /** What a filtered redrive did. */
    record FilteredOutcome(UUID auditId, int matched, int redriven) {}

    RedriveOutcome redrive(UUID deadLetterId, String admin, String reason, boolean unpark) {
        requireReason(reason);
        RedriveOutcome outcome =
                transaction.execute(status -> requeueOne(deadLetterId, admin, reason, unpark, clock.instant()));
        signal.signal();
        return outcome;
    }

    Preview preview(DeadLetterFilter filter) {
        requireCriterion(filter);
        return new Preview(deadLetters.count(filter), deadLetters.countRedrivable(filter));
    }

    /**
     * @param expectedCount nullable: the number of dead letters the caller saw redrivable (in a dry run); any other
     *     number now is refused
     */
    FilteredOutcome redrive(DeadLetterFilter filter, String admin, String reason, Integer expectedCount) {
        requireCriterion(filter);
        requireReason(reason);
        FilteredOutcome outcome =
                transaction.execute(status -> requeueMatching(filter, admin, reason, expectedCount, clock.instant()));
        signal.signal();
        return outcome;
    }

    private RedriveOutcome requeueOne(UUID id, String admin, String reason, boolean unpark, Instant now) {
        DeadLetterView view = deadLetters
                .view(id)
                .orElseThrow(() -> new RedriveRefused(HttpStatus.NOT_FOUND, "No dead letter " + id));
        DeadLetter deadLetter = view.deadLetter();
        if (!deadLetter.redrivable()) {
            throw new RedriveRefused(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Dead letter " + id + " is a record that cannot be read (" + deadLetter.reason()
                            + "); sending it again would fail the same way");
        }
        if (view.status() == DeadLetterStatus.REDRIVEN) {
            throw new RedriveRefused(HttpStatus.CONFLICT, "Dead letter " + id + " was already redriven");
        }
        if (view.status() == DeadLetterStatus.PARKED && !unpark) {
            throw new RedriveRefused(
                    HttpStatus.CONFLICT,
                    "Dead letter " + id + " is parked: it failed again after a redrive. Redrive it with"
                            + " \"unpark\": true once the cause is fixed");
        }
        RedriveAuditAction action = view.status() == DeadLetterStatus.PARKED
                ? RedriveAuditAction.DEAD_LETTER_UNPARKED
                : RedriveAuditAction.DEAD_LETTER_REDRIVEN;
        UUID auditId = audit.single(action, id, admin, now, reason);
        if (!deadLetters.markRedriven(id, view.status(), admin, now, auditId)) {
            throw new RedriveRefused(HttpStatus.CONFLICT, "Dead letter " + id + " was already redriven");
        }
        List<NewTask> admitted = new ArrayList<>();
        RedriveOutcome outcome = requeue(deadLetter, admitted)
                .orElseThrow(() -> new RedriveRefused(
                        HttpStatus.CONFLICT,
                        "Block " + deadLetter.blockId()
                                + " is no longer a failed deletion (restored or deleted anew)"));
        tasks.admit(admitted);
        return outcome;
    }

    private FilteredOutcome requeueMatching(
            DeadLetterFilter filter, String admin, String reason, Integer expectedCount, Instant now) {
        int max = settings.maxPerRequest();
        List<DeadLetter> redrivable = deadLetters.lockRedrivable(filter, max + 1);
        if (redrivable.size() > max) {
            throw new RedriveRefused(
                    HttpStatus.CONFLICT,
                    "The filter matches " + deadLetters.countRedrivable(filter)
                            + " redrivable dead letters, more than the " + max
                            + " one request may redrive (deletion.worker.redrive.max-per-request); narrow it");
        }
        if (expectedCount != null && expectedCount != redrivable.size()) {
            throw new RedriveRefused(
                    HttpStatus.CONFLICT,
                    "The filter matches " + redrivable.size() + " redrivable dead letters now, not the expected "
                            + expectedCount + "; look again (dry run) and confirm the new count");
        }
        UUID auditId = UUID.randomUUID();
        List<NewTask> admitted = new ArrayList<>();
        int redriven = 0;
        for (DeadLetter deadLetter : redrivable) {
            // one whose block was restored or deleted anew meanwhile stays OPEN: there is nothing to put back
            if (requeue(deadLetter, admitted).isPresent()) {
                deadLetters.markRedriven(deadLetter.id(), DeadLetterStatus.OPEN, admin, now, auditId);
                redriven++;
            }
        }
        tasks.admit(admitted);
        audit.filtered(auditId, filter, admin, now, reason, redriven);
        return new FilteredOutcome(auditId, deadLetters.count(filter), redriven);
    }

    /** Resets the block and collects its task; empty when the block is no longer a failed deletion. */
    private Optional<RedriveOutcome> requeue(DeadLetter deadLetter, List<NewTask> admitted) {
        BlockSoftDeleted event = EVENTS.deserializer()
                .deserialize(deadLetter.record().topic(), deadLetter.record().value());
        int reset = jdbc.update(
                "update blocks set deletion_state = ?, failure_reason = null"
                        + " where id = ? and deletion_id = ? and deletion_state = ?",
                DeletionState.SOFT_DELETED.name(),
                event.blockId(),
                event.deletionId(),
                DeletionState.FAILED.name());
        if (reset == 1) {
            admitted.add(new NewTask(event, deadLetter.record()));
            return Optional.of(outcome(deadLetter, event, RedriveOutcome.State.REQUEUED));
        }
        if (confirmed(event.blockId())) {
            return Optional.of(outcome(deadLetter, event, RedriveOutcome.State.ALREADY_CONFIRMED));
        }
        return Optional.empty();
    }

    private static RedriveOutcome outcome(DeadLetter deadLetter, BlockSoftDeleted event, RedriveOutcome.State state) {
        return new RedriveOutcome(deadLetter.id(), event.blockId(), event.eventId(), state);
    }

    private boolean confirmed(UUID blockId) {
        Integer receipts = jdbc.queryForObject(
                "select count(*) from deletion_receipts where block_id = ?", Integer.class, blockId);
        return receipts != null && receipts > 0;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RedriveRefused.invalid("reason", "must say why (it is kept in the audit trail)");
        }
    }

    private static void requireCriterion(DeadLetterFilter filter) {
        if (filter == null || filter.isEmpty()) {
            throw RedriveRefused.invalid("filter", "must name at least one of reason, ownerId, deletionId, from, to");
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw RedriveRefused.invalid("filter.to", "must be after filter.from");
        }
    }
}

package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Filter;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Viewed;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.NewTask;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

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

    /** {@code deletion.worker.redrive.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.redrive")
    record RedriveSettings(@Min(1) int maxPerRequest) {}

    private static final JsonSerde<BlockSoftDeleted> EVENTS = new JsonSerde<>(BlockSoftDeleted.class);

    private final TransactionTemplate transaction;
    private final DeadLetterStore deadLetters;
    private final TaskStore tasks;
    private final TaskSignal signal;
    private final RedriveAudit audit;
    private final RedriveSettings settings;
    private final BlockStates blocks;
    private final JdbcClient jdbc;
    private final Clock clock;

    RedriveService(
            TransactionTemplate transaction,
            DeadLetterStore deadLetters,
            TaskStore tasks,
            TaskSignal signal,
            RedriveAudit audit,
            RedriveSettings settings,
            BlockStates blocks,
            JdbcClient jdbc,
            Clock clock) {
        this.transaction = transaction;
        this.deadLetters = deadLetters;
        this.tasks = tasks;
        this.signal = signal;
        this.audit = audit;
        this.settings = settings;
        this.blocks = blocks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The answer to a redrive of one dead letter. */
    record Outcome(UUID deadLetterId, UUID blockId, UUID sourceEventId, State state) {

        /** What became of the deletion. */
        enum State {
            /** Back in the pipeline under its original event id. */
            REQUEUED,
            /** The block was hard-deleted meanwhile (e.g. with its parent): nothing to do. */
            ALREADY_CONFIRMED
        }
    }

    /**
     * A redrive that cannot be done, with the HTTP status that says why and, for bad input, the field at fault
     * (nullable); nothing was changed.
     */
    static final class Refused extends RuntimeException {

        final HttpStatus status;
        final String field;

        Refused(HttpStatus status, String message) {
            this(status, null, message);
        }

        private Refused(HttpStatus status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }

        /** 400 naming the input that is wrong. */
        static Refused invalid(String field, String message) {
            return new Refused(HttpStatus.BAD_REQUEST, field, message);
        }
    }

    /** What a filter matches now, whatever the status, and how many of those a redrive would take. */
    record Preview(boolean dryRun, int matched, int redrivable) {}

    /**
     * What a filtered redrive did.
     *
     * @param auditId the {@code admin_audit} entry of this redrive
     */
    record FilteredOutcome(boolean dryRun, int matched, int redriven, UUID auditId) {}

    Outcome redrive(UUID deadLetterId, String admin, String reason, boolean unpark) {
        requireReason(reason);
        Outcome outcome =
                transaction.execute(status -> requeueOne(deadLetterId, admin, reason, unpark, clock.instant()));
        signal.signal();
        return outcome;
    }

    Preview preview(Filter filter) {
        requireCriterion(filter);
        return new Preview(true, deadLetters.count(filter), deadLetters.countRedrivable(filter));
    }

    /**
     * @param expectedCount nullable: the number of dead letters the caller saw redrivable (in a dry run); any other
     *     number now is refused
     */
    FilteredOutcome redrive(Filter filter, String admin, String reason, Integer expectedCount) {
        requireCriterion(filter);
        requireReason(reason);
        FilteredOutcome outcome =
                transaction.execute(status -> requeueMatching(filter, admin, reason, expectedCount, clock.instant()));
        signal.signal();
        return outcome;
    }

    private Outcome requeueOne(UUID id, String admin, String reason, boolean unpark, Instant now) {
        Viewed view = deadLetters.view(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No dead letter " + id));
        DeadLetter deadLetter = view.deadLetter();
        if (!deadLetter.redrivable()) {
            throw new Refused(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Dead letter " + id + " is a record that cannot be read (" + deadLetter.reason()
                            + "); sending it again would fail the same way");
        }
        if (view.status() == DeadLetterStatus.REDRIVEN) {
            throw new Refused(HttpStatus.CONFLICT, "Dead letter " + id + " was already redriven");
        }
        if (view.status() == DeadLetterStatus.PARKED && !unpark) {
            throw new Refused(
                    HttpStatus.CONFLICT,
                    "Dead letter " + id + " is parked: it failed again after a redrive. Redrive it with"
                            + " \"unpark\": true once the cause is fixed");
        }
        RedriveAudit.Action action = view.status() == DeadLetterStatus.PARKED
                ? RedriveAudit.Action.DEAD_LETTER_UNPARKED
                : RedriveAudit.Action.DEAD_LETTER_REDRIVEN;
        UUID auditId = audit.single(action, id, admin, now, reason);
        if (!deadLetters.markRedriven(id, view.status(), admin, now, auditId)) {
            throw new Refused(HttpStatus.CONFLICT, "Dead letter " + id + " was already redriven");
        }
        List<NewTask> admitted = new ArrayList<>();
        Outcome outcome = requeue(deadLetter, admitted)
                .orElseThrow(() -> new Refused(
                        HttpStatus.CONFLICT,
                        "Block " + deadLetter.blockId()
                                + " is no longer a failed deletion (restored or deleted anew)"));
        tasks.admit(admitted);
        return outcome;
    }

    private FilteredOutcome requeueMatching(
            Filter filter, String admin, String reason, Integer expectedCount, Instant now) {
        int max = settings.maxPerRequest();
        List<DeadLetter> redrivable = deadLetters.lockRedrivable(filter, max + 1);
        if (redrivable.size() > max) {
            throw new Refused(
                    HttpStatus.CONFLICT,
                    "The filter matches " + deadLetters.countRedrivable(filter)
                            + " redrivable dead letters, more than the " + max
                            + " one request may redrive (deletion.worker.redrive.max-per-request); narrow it");
        }
        if (expectedCount != null && expectedCount != redrivable.size()) {
            throw new Refused(
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
        return new FilteredOutcome(false, deadLetters.count(filter), redriven, auditId);
    }

    /** Resets the block and collects its task; empty when the block is no longer a failed deletion. */
    private Optional<Outcome> requeue(DeadLetter deadLetter, List<NewTask> admitted) {
        BlockSoftDeleted event = EVENTS.deserializer()
                .deserialize(deadLetter.record().topic(), deadLetter.record().value());
        if (blocks.requeueFailed(event.blockId(), event.deletionId())) {
            admitted.add(new NewTask(event, deadLetter.record()));
            return Optional.of(outcome(deadLetter, event, Outcome.State.REQUEUED));
        }
        if (confirmed(event.blockId())) {
            return Optional.of(outcome(deadLetter, event, Outcome.State.ALREADY_CONFIRMED));
        }
        return Optional.empty();
    }

    private static Outcome outcome(DeadLetter deadLetter, BlockSoftDeleted event, Outcome.State state) {
        return new Outcome(deadLetter.id(), event.blockId(), event.eventId(), state);
    }

    private boolean confirmed(UUID blockId) {
        return jdbc.sql("select exists (select 1 from deletion_receipts where block_id = :id)")
                .param("id", blockId)
                .query(Boolean.class)
                .single();
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Refused.invalid("reason", "must say why (it is kept in the audit trail)");
        }
    }

    private static void requireCriterion(Filter filter) {
        if (filter == null || filter.isEmpty()) {
            throw Refused.invalid("filter", "must name at least one of reason, ownerId, deletionId, from, to");
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw Refused.invalid("filter.to", "must be after filter.from");
        }
    }
}

package dev.deletionpipeline.worker.failure;

import static dev.deletionpipeline.common.sql.SqlTime.param;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.worker.claim.BlockStates;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Count;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Filter;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Viewed;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import dev.deletionpipeline.worker.tasks.TaskStore.NewTask;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1/admin/dead-letters}: list what the worker gave up on by filter, count it by reason and status, and redrive
 * one, or all a filter matches after a dry run. Admin role only. Errors are {@code application/problem+json}; bad input
 * names the field in {@code errors}.
 *
 * <p>A redrive is one transaction: the dead letters are marked {@code REDRIVEN} (once only) with the
 * {@code admin_audit} entry that says who, why and how many (the one audit trail of operator actions, read by
 * deletion-api's {@code GET /v1/admin/audit}), each block goes from {@code FAILED} back to {@code SOFT_DELETED}, and a
 * task with the original record and event id is due at once. A redriven dead letter cannot be redriven again, so
 * nothing is deleted twice (and the claim's conditions would stop it anyway). A filter takes only {@code OPEN}
 * redrivable ones: a {@code PARKED} dead letter failed again after a redrive and is only redriven singly, with
 * {@code unpark}.
 */
@RestController
@RequestMapping("/v1/admin/dead-letters")
class DeadLetterController {

    /** {@code deletion.worker.redrive.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.redrive")
    record RedriveSettings(@Min(1) int maxPerRequest) {}

    /** What an operator did to dead letters, as {@code admin_audit.action}. */
    enum AuditAction {
        /** One dead letter redriven; the entry's subject is the dead letter. */
        DEAD_LETTER_REDRIVEN,
        /** One parked dead letter redriven with {@code unpark}; the entry's subject is the dead letter. */
        DEAD_LETTER_UNPARKED,
        /** The dead letters a filter matched redriven; the entry's subject is the entry itself, its filter and count. */
        DEAD_LETTERS_REDRIVEN
    }

    /** Counts for grouping: per reason and status, and per status over all reasons. */
    record Summary(long total, Map<DeadLetterStatus, Long> byStatus, List<Count> byReason) {}

    /** {@code {"reason": "...", "unpark": false}}; the reason is required, {@code unpark} defaults to false. */
    record SingleRedrive(String reason, Boolean unpark) {}

    /**
     * @param filter the criteria, all optional, at least one given
     * @param dryRun nullable: true only counts
     * @param expectedCount nullable: the dry run's {@code redrivable}; a real run that would take any other number is
     *     refused
     */
    record FilteredRedrive(Filter filter, Boolean dryRun, String reason, Integer expectedCount) {}

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

    /** What a filter matches now, whatever the status, and how many of those a redrive would take. */
    record Preview(boolean dryRun, int matched, int redrivable) {}

    /**
     * What a filtered redrive did.
     *
     * @param auditId the {@code admin_audit} entry of this redrive
     */
    record FilteredOutcome(boolean dryRun, int matched, int redriven, UUID auditId) {}

    /** A request refused, nothing changed: its status says why, and for bad input {@code errors} names the field. */
    static final class Refused extends ErrorResponseException {

        Refused(HttpStatus status, String message) {
            super(status, ProblemDetail.forStatusAndDetail(status, message), null);
            getBody().setTitle("Redrive refused");
        }

        static Refused invalid(String field, String message) {
            Refused invalid = new Refused(HttpStatus.BAD_REQUEST, "Invalid request.");
            invalid.getBody().setTitle(null);
            invalid.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
            return invalid;
        }
    }

    private static final int MAX_LIMIT = 1000;
    private static final JsonSerde<BlockSoftDeleted> EVENTS = new JsonSerde<>(BlockSoftDeleted.class);

    private final DeadLetterStore deadLetters;
    private final TransactionTemplate transaction;
    private final TaskStore tasks;
    private final TaskSignal signal;
    private final RedriveSettings settings;
    private final BlockStates blocks;
    private final JdbcClient jdbc;
    private final Clock clock;

    DeadLetterController(
            DeadLetterStore deadLetters,
            TransactionTemplate transaction,
            TaskStore tasks,
            TaskSignal signal,
            RedriveSettings settings,
            BlockStates blocks,
            JdbcClient jdbc,
            Clock clock) {
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.tasks = tasks;
        this.signal = signal;
        this.settings = settings;
        this.blocks = blocks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping
    List<Viewed> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) UUID deletionId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) DeadLetterStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        return deadLetters.search(new Filter(reason, ownerId, deletionId, from, to), status, bounded);
    }

    @GetMapping("/summary")
    Summary summary() {
        List<Count> byReason = deadLetters.countByReasonAndStatus();
        Map<DeadLetterStatus, Long> byStatus = new EnumMap<>(DeadLetterStatus.class);
        Arrays.stream(DeadLetterStatus.values()).forEach(status -> byStatus.put(status, 0L));
        byReason.forEach(count -> byStatus.merge(count.status(), count.count(), Long::sum));
        return new Summary(byReason.stream().mapToLong(Count::count).sum(), byStatus, byReason);
    }

    @PostMapping("/{id}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Outcome redrive(@PathVariable UUID id, @RequestBody(required = false) SingleRedrive request, Principal admin) {
        SingleRedrive given = request == null ? new SingleRedrive(null, false) : request;
        requireReason(given.reason());
        Outcome outcome = transaction.execute(status ->
                requeueOne(id, admin.getName(), given.reason(), Boolean.TRUE.equals(given.unpark()), clock.instant()));
        signal.signal();
        return outcome;
    }

    /** The dry run only counts; a real run with {@code expectedCount} is refused when the count changed since. */
    @PostMapping("/redrive")
    ResponseEntity<?> redriveMatching(@RequestBody(required = false) FilteredRedrive request, Principal admin) {
        if (request == null || request.filter() == null) {
            throw Refused.invalid("filter", "is required");
        }
        Filter filter = request.filter();
        requireCriterion(filter);
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(
                    new Preview(true, deadLetters.count(filter, false), deadLetters.count(filter, true)));
        }
        requireReason(request.reason());
        FilteredOutcome outcome = transaction.execute(status ->
                requeueMatching(filter, admin.getName(), request.reason(), request.expectedCount(), clock.instant()));
        signal.signal();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return ResponseEntity.status(refused.getStatusCode()).body(refused.getBody());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String message = type != null && type.isEnum()
                ? "must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "))
                : "cannot be read as " + (type == null ? "the expected type" : type.getSimpleName());
        return refused(Refused.invalid(e.getName(), message));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof DatabindException databind
                        && !databind.getPath().isEmpty()
                ? databind.getPath().stream()
                        .map(reference -> reference.getPropertyName() != null
                                ? reference.getPropertyName()
                                : Integer.toString(reference.getIndex()))
                        .collect(Collectors.joining("."))
                : "body";
        return refused(Refused.invalid(field, "cannot be read (JSON of the documented shape expected)"));
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
        AuditAction action = view.status() == DeadLetterStatus.PARKED
                ? AuditAction.DEAD_LETTER_UNPARKED
                : AuditAction.DEAD_LETTER_REDRIVEN;
        UUID auditId = UUID.randomUUID();
        audit(auditId, action, id, admin, now, reason, null, 1);
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
                    "The filter matches " + deadLetters.count(filter, true)
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
        // a filtered redrive is its own subject; its id is the one the redriven dead letters were marked with
        audit(
                auditId,
                AuditAction.DEAD_LETTERS_REDRIVEN,
                auditId,
                admin,
                now,
                reason,
                JsonMapper.shared().writeValueAsString(filter),
                redriven);
        return new FilteredOutcome(false, deadLetters.count(filter, false), redriven, auditId);
    }

    /** Resets the block and collects its task; empty when the block is no longer a failed deletion. */
    private Optional<Outcome> requeue(DeadLetter deadLetter, List<NewTask> admitted) {
        BlockSoftDeleted event = EVENTS.deserializer()
                .deserialize(deadLetter.record().topic(), deadLetter.record().value());
        Outcome.State state;
        if (blocks.requeueFailed(event.blockId(), event.deletionId())) {
            admitted.add(new NewTask(event, deadLetter.record()));
            state = Outcome.State.REQUEUED;
        } else if (confirmed(event.blockId())) {
            state = Outcome.State.ALREADY_CONFIRMED;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Outcome(deadLetter.id(), event.blockId(), event.eventId(), state));
    }

    private boolean confirmed(UUID blockId) {
        return jdbc.sql("select exists (select 1 from deletion_receipts where block_id = :id)")
                .param("id", blockId)
                .query(Boolean.class)
                .single();
    }

    private void audit(
            UUID id, AuditAction action, UUID subject, String actor, Instant at, String reason, String filter, int n) {
        jdbc.sql("""
                        insert into admin_audit (id, action, subject_id, actor, at, reason, filter, item_count)
                        values (:id, :action, :subject, :actor, :at, :reason, cast(:filter as jsonb), :count)
                        """)
                .param("id", id)
                .param("action", action.name())
                .param("subject", subject)
                .param("actor", actor)
                .param("at", param(at))
                .param("reason", reason)
                .param("filter", filter, Types.VARCHAR)
                .param("count", n)
                .update();
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Refused.invalid("reason", "must say why (it is kept in the audit trail)");
        }
    }

    private static void requireCriterion(Filter filter) {
        if (filter.isEmpty()) {
            throw Refused.invalid("filter", "must name at least one of reason, ownerId, deletionId, from, to");
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw Refused.invalid("filter.to", "must be after filter.from");
        }
    }
}

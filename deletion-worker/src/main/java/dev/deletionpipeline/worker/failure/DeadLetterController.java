package dev.deletionpipeline.worker.failure;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Count;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Filter;
import dev.deletionpipeline.worker.failure.DeadLetterStore.Viewed;
import dev.deletionpipeline.worker.failure.RedriveService.Outcome;
import dev.deletionpipeline.worker.failure.RedriveService.Refused;
import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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

/**
 * {@code /v1/admin/dead-letters}: list what the worker gave up on by filter, count it by reason and status, and redrive
 * one, or all a filter matches after a dry run. Admin role only. Errors are {@code application/problem+json}; bad input
 * names the field in {@code errors}.
 */
@RestController
@RequestMapping("/v1/admin/dead-letters")
class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterStore deadLetters;
    private final RedriveService redrive;

    DeadLetterController(DeadLetterStore deadLetters, RedriveService redrive) {
        this.deadLetters = deadLetters;
        this.redrive = redrive;
    }

    /**
     * One dead letter as the admin API shows it: its fields (without the record's bytes) and where it stands.
     *
     * @param redrivable whether it can still be redriven: an unreadable record cannot, nor one redriven already; a
     *     {@code PARKED} one only singly with {@code unpark}
     */
    record DeadLetterItem(
            @JsonUnwrapped DeadLetter deadLetter,
            DeadLetterStatus status,
            boolean redrivable,
            Instant redrivenAt,
            String redrivenBy) {

        static DeadLetterItem of(Viewed view) {
            return new DeadLetterItem(
                    view.deadLetter(),
                    view.status(),
                    view.deadLetter().redrivable() && view.status() != DeadLetterStatus.REDRIVEN,
                    view.redrivenAt(),
                    view.redrivenBy());
        }
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

    @GetMapping
    List<DeadLetterItem> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) UUID deletionId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        return deadLetters.search(new Filter(reason, ownerId, deletionId, from, to), statusOf(status), bounded).stream()
                .map(DeadLetterItem::of)
                .toList();
    }

    @GetMapping("/summary")
    Summary summary() {
        List<Count> byReason = deadLetters.countByReasonAndStatus();
        Map<DeadLetterStatus, Long> byStatus = new EnumMap<>(DeadLetterStatus.class);
        Arrays.stream(DeadLetterStatus.values()).forEach(s -> byStatus.put(s, 0L));
        byStatus.putAll(
                byReason.stream().collect(Collectors.groupingBy(Count::status, Collectors.summingLong(Count::count))));
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(total, byStatus, byReason);
    }

    @PostMapping("/{id}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Outcome redrive(@PathVariable UUID id, @RequestBody(required = false) SingleRedrive request, Principal admin) {
        SingleRedrive given = request == null ? new SingleRedrive(null, false) : request;
        return redrive.redrive(id, admin.getName(), given.reason(), Boolean.TRUE.equals(given.unpark()));
    }

    @PostMapping("/redrive")
    ResponseEntity<?> redriveMatching(@RequestBody(required = false) FilteredRedrive request, Principal admin) {
        if (request == null || request.filter() == null) {
            throw Refused.invalid("filter", "is required");
        }
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(redrive.preview(request.filter()));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(redrive.redrive(request.filter(), admin.getName(), request.reason(), request.expectedCount()));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status, refused.getMessage());
        if (refused.field == null) {
            problem.setTitle("Redrive refused");
        } else {
            problem.setDetail("Invalid request.");
            problem.setProperty("errors", List.of(Map.of("field", refused.field, "message", refused.getMessage())));
        }
        return ResponseEntity.status(refused.status).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return refused(Refused.invalid(e.getName(), "cannot be read as " + typeOf(e.getRequiredType())));
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

    private static DeadLetterStatus statusOf(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeadLetterStatus.valueOf(status);
        } catch (IllegalArgumentException unknown) {
            throw Refused.invalid(
                    "status",
                    "must be one of "
                            + Arrays.stream(DeadLetterStatus.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }

    private static String typeOf(Class<?> type) {
        return type == null ? "the expected type" : type.getSimpleName();
    }
}

package dev.deletionpipeline.worker.redrive;

import dev.deletionpipeline.worker.failure.DeadLetter;
import dev.deletionpipeline.worker.failure.DeadLetterStore;
import dev.deletionpipeline.worker.failure.DeadLetterView;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/dead-letters}: list what the worker gave up on, and redrive one. Admin role only. Errors are
 * {@code application/problem+json}.
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

    /** One dead letter as the admin API shows it (the record's bytes are not shown). */
    record DeadLetterItem(
            UUID id,
            UUID blockId,
            UUID sourceEventId,
            UUID deletionId,
            String reason,
            String detail,
            Integer lastHttpStatus,
            int attempts,
            Instant firstFailureAt,
            Instant lastFailureAt,
            Instant deadLetteredAt,
            boolean redrivable,
            Instant redrivenAt,
            String redrivenBy) {

        static DeadLetterItem of(DeadLetterView view) {
            DeadLetter d = view.deadLetter();
            return new DeadLetterItem(
                    d.id(),
                    d.blockId(),
                    d.sourceEventId(),
                    d.deletionId(),
                    d.reason(),
                    d.detail(),
                    d.lastHttpStatus(),
                    d.attempts(),
                    d.firstFailureAt(),
                    d.lastFailureAt(),
                    d.deadLetteredAt(),
                    d.redrivable() && view.redrivenAt() == null,
                    view.redrivenAt(),
                    view.redrivenBy());
        }
    }

    @GetMapping
    List<DeadLetterItem> list(@RequestParam(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        return deadLetters.list(bounded).stream().map(DeadLetterItem::of).toList();
    }

    @PostMapping("/{id}/redrive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RedriveOutcome redrive(@PathVariable UUID id, Principal admin) {
        return redrive.redrive(id, admin.getName());
    }

    @ExceptionHandler(RedriveRefused.class)
    ResponseEntity<ProblemDetail> refused(RedriveRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage());
        problem.setTitle("Redrive refused");
        return ResponseEntity.status(refused.status()).body(problem);
    }
}

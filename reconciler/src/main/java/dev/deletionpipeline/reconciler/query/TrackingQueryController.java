package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.reconciler.status.TrackingQueries;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the reconciler knows, over REST, read from the Kafka Streams state stores (interactive queries): the status of
 * one block's deletion, the current ops summary, and the open orphans. Admin role only (bearer JWT, checked by the
 * {@code service-security} filter chain). Errors are {@code application/problem+json}.
 */
@RestController
@RequestMapping("/v1")
class TrackingQueryController {

    static final int DEFAULT_ORPHAN_LIMIT = 1000;

    private final TrackingQueries queries;
    private final Clock clock;

    TrackingQueryController(TrackingQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The block's {@code DeletionStatus}, or 404 when no deletion of it is known. */
    @GetMapping("/status/{blockId}")
    ResponseEntity<?> status(@PathVariable UUID blockId) {
        return queries.status(blockId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No deletion is known for block " + blockId));
    }

    @GetMapping("/summary")
    OpsSummary summary() {
        return queries.summary(clock.instant());
    }

    /** Deletions that are ORPHANED or FAILED now, each with the report that made it one. */
    @GetMapping("/orphans")
    List<OrphanDetected> orphans(@RequestParam(defaultValue = "" + DEFAULT_ORPHAN_LIMIT) int limit) {
        return queries.openOrphans(Math.max(0, limit));
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> storesUnavailable(InvalidStateStoreException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The state stores are not queryable now: " + e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}

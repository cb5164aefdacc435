package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.reconciler.status.TrackingQueries;
import dev.deletionpipeline.reconciler.status.TrackingStores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the reconciler knows, over REST, read from the Kafka Streams state stores (interactive queries): the status of
 * one block's deletion, the current ops summary, and the open orphans. Admin role only (bearer JWT, checked by the
 * {@code service-security} filter chain). Errors are {@code application/problem+json}.
 *
 * <p>Any instance answers for any key: a block's status (and the summary) is forwarded to the instance that owns its
 * partition, and the open orphans are gathered from every instance ({@link QueryRouting}, {@link PeerClient}), with the
 * service's own peer credential, never the caller's token, and only to instances on the peer allow-list. While
 * Kafka Streams rebalances the answer is 503 with Retry-After, because asking again shortly will work.
 */
@RestController
@RequestMapping("/v1")
class TrackingQueryController {

    static final int DEFAULT_ORPHAN_LIMIT = 1000;
    /** Set on a forwarded request: answer from this instance's stores, never forward again. */
    static final String SCOPE_HEADER = "X-Deletion-Query-Scope";

    static final String LOCAL_SCOPE = "local";
    /** A rebalance of this small application takes seconds. */
    static final String RETRY_AFTER_SECONDS = "2";

    private static final Logger log = LoggerFactory.getLogger(TrackingQueryController.class);

    private final TrackingQueries queries;
    private final QueryRouting routing;
    private final PeerClient peers;
    private final Clock clock;

    TrackingQueryController(TrackingQueries queries, QueryRouting routing, PeerClient peers, Clock clock) {
        this.queries = queries;
        this.routing = routing;
        this.peers = peers;
        this.clock = clock;
    }

    /** The block's {@code DeletionStatus}, or 404 when no deletion of it is known. */
    @GetMapping("/status/{blockId}")
    ResponseEntity<?> status(
            @PathVariable UUID blockId, @RequestHeader(name = SCOPE_HEADER, required = false) String scope) {
        Optional<HostInfo> owner = routing.remoteOwnerOf(TrackingStores.DELETIONS, blockId.toString());
        if (owner.isPresent()) {
            return forward(owner.get(), "/v1/status/" + blockId, scope);
        }
        return queries.status(blockId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No deletion is known for block " + blockId));
    }

    /** The summary lives with the one task of the ops-facts topic, on one instance. */
    @GetMapping("/summary")
    ResponseEntity<?> summary(@RequestHeader(name = SCOPE_HEADER, required = false) String scope) {
        Optional<HostInfo> owner = routing.remoteOwnerOf(TrackingStores.OPS_COUNTERS, queries.summaryName());
        if (owner.isPresent()) {
            return forward(owner.get(), "/v1/summary", scope);
        }
        return ResponseEntity.ok(queries.summary(clock.instant()));
    }

    /** Deletions that are ORPHANED or FAILED now, each with the report that made it one, from every instance. */
    @GetMapping("/orphans")
    List<OrphanDetected> orphans(
            @RequestParam(defaultValue = "" + DEFAULT_ORPHAN_LIMIT) int limit,
            @RequestHeader(name = SCOPE_HEADER, required = false) String scope) {
        int bounded = Math.max(0, limit);
        if (LOCAL_SCOPE.equals(scope)) {
            return queries.openOrphans(bounded);
        }
        List<OrphanDetected> all = new ArrayList<>();
        for (QueryRouting.Instance instance : routing.instancesOf(TrackingStores.OPEN_ORPHANS)) {
            all.addAll(instance.local() ? queries.openOrphans(bounded) : peers.openOrphans(instance.host(), bounded));
        }
        return all.stream()
                .sorted(Comparator.comparing(orphan -> orphan.blockId().toString()))
                .limit(bounded)
                .toList();
    }

    private ResponseEntity<?> forward(HostInfo owner, String path, String scope) {
        if (LOCAL_SCOPE.equals(scope)) {
            // forwarded here, but the key has moved on since: a rebalance is under way
            throw new QueriesUnavailableException("The key has moved to " + owner);
        }
        PeerClient.PeerAnswer answer = peers.get(owner, path);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            response.contentType(MediaType.parseMediaType(answer.contentType()));
        }
        return response.body(answer.body());
    }

    @ExceptionHandler({InvalidStateStoreException.class, QueriesUnavailableException.class})
    ResponseEntity<ProblemDetail> storesUnavailable(RuntimeException e) {
        log.debug("Queries unavailable: {}", e.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        if (!(e instanceof PeerNotAllowedException)) {
            // asking again shortly works once the rebalance is over; a peer off the allow-list stays off it
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE, "The state stores are not queryable now: " + e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}

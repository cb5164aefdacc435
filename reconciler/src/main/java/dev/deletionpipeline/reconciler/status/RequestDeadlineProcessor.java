package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each deletion request's {@code dueBy} (one instance per partition of the repartition topic keyed by deletion
 * id, so per request): which of its blocks are pending, and, on the wall clock like the per-block deadlines, whether it
 * is at risk or missed. Each class raises one {@link OrphanDetected} per request (key = deletion id) and moves the ops
 * summary's {@code deadlinesAtRisk}/{@code deadlinesMissed} counts; a request that finishes leaves them. State lives in
 * the stores, so a restart or a redelivered fact (set logic, once-per-class flags) raises nothing twice.
 */
final class RequestDeadlineProcessor implements Processor<String, RequestBlockFact, String, Outbound> {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlineProcessor.class);

    private final TrackingSettings settings;
    private final RequestDeadlines deadlines;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, TrackedRequest> requests;
    private KeyValueStore<String, String> pendingBlocks;
    private KeyValueStore<String, String> checks;

    RequestDeadlineProcessor(TrackingSettings settings) {
        this.settings = settings;
        this.deadlines = new RequestDeadlines(settings);
    }

    @Override
    public void init(ProcessorContext<String, Outbound> processorContext) {
        context = processorContext;
        requests = context.getStateStore(TrackingStores.REQUESTS);
        pendingBlocks = context.getStateStore(TrackingStores.REQUEST_BLOCKS);
        checks = context.getStateStore(TrackingStores.REQUEST_CHECKS);
        context.schedule(
                settings.punctuationInterval(),
                PunctuationType.WALL_CLOCK_TIME,
                timestamp -> checkDue(Instant.ofEpochMilli(timestamp)));
    }

    @Override
    public void process(Record<String, RequestBlockFact> record) {
        RequestBlockFact fact = record.value();
        if (fact == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        TrackedRequest current = requests.get(fact.deletionId().toString());
        TrackedRequest base = current != null ? current : TrackedRequest.first(fact);
        update(current, base.with(fact, applyToPendingBlocks(fact)), now, false);
    }

    /** Set logic, so that a repeated fact changes nothing; returns the change of the request's pending count. */
    private int applyToPendingBlocks(RequestBlockFact fact) {
        String key = pendingKeyPrefix(fact.deletionId()) + fact.blockId();
        boolean pending = pendingBlocks.get(key) != null;
        if (fact.counts() && !pending) {
            pendingBlocks.put(key, fact.blockId().toString());
            return 1;
        }
        if (!fact.counts() && pending) {
            pendingBlocks.delete(key);
            return -1;
        }
        return 0;
    }

    private List<UUID> firstPendingBlocks(UUID deletionId) {
        List<UUID> first = new ArrayList<>();
        try (KeyValueIterator<String, String> entries =
                pendingBlocks.prefixScan(pendingKeyPrefix(deletionId), new StringSerializer())) {
            while (entries.hasNext() && first.size() < RequestDeadlines.LISTED_BLOCKS) {
                first.add(UUID.fromString(entries.next().value));
            }
        }
        return first;
    }

    private static String pendingKeyPrefix(UUID deletionId) {
        return deletionId + "|";
    }

    /** Read first and changed after: the updates rewrite the index being read. */
    private void checkDue(Instant now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = checks.range(TimeKeys.FIRST, TimeKeys.through(now))) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            TrackedRequest current = requests.get(entry.value);
            if (current != null && entry.key.equals(checkKey(current))) {
                update(current, current, now, true);
            } else {
                checks.delete(entry.key); // an index entry left behind by a request that has moved on
            }
        }
    }

    /**
     * @param onClock from the punctuation; a block's change only takes a request out of its class at once (it
     *     finished), entering one waits for the next punctuation, so that the blocks of a request arriving together
     *     are all named in its report
     */
    private void update(TrackedRequest before, TrackedRequest changed, Instant now, boolean onClock) {
        String deletionId = changed.deletionId().toString();
        if (deadlines.forgettable(changed, now)) {
            requests.delete(deletionId);
            reindex(checkKey(before), null, deletionId);
            return;
        }
        OrphanType reached = deadlines.standingAt(changed, now);
        OrphanType standing = onClock || reached == null ? reached : changed.standing();
        TrackedRequest after = changed;
        if (!Objects.equals(changed.standing(), standing)) {
            OrphanDetected orphan = standing == null
                    ? null
                    : deadlines.report(changed, standing, firstPendingBlocks(changed.deletionId()), now);
            after = changed.withStanding(standing);
            context.forward(OutboundRecords.fact(
                    settings.summaryName(), OpsFact.deadlineChanged(deletionId, changed.standing(), standing, now)));
            if (orphan != null) {
                log.warn("Orphan {}: deletion {}: {}", orphan.type(), deletionId, orphan.reason());
                context.forward(OutboundRecords.event(deletionId, orphan, new Outbound.OrphanReported(orphan), now));
            }
        }
        if (!after.equals(before)) { // a repeated fact changes nothing: no write, no changelog record
            requests.put(deletionId, after);
        }
        reindex(checkKey(before), checkKey(after), deletionId);
    }

    private String checkKey(TrackedRequest request) {
        if (request == null) {
            return null;
        }
        Instant at = deadlines.nextCheckAt(request);
        return at == null ? null : TimeKeys.of(at, request.deletionId());
    }

    private void reindex(String previous, String next, String deletionId) {
        if (Objects.equals(previous, next)) {
            return;
        }
        if (previous != null) {
            checks.delete(previous);
        }
        if (next != null) {
            checks.put(next, deletionId);
        }
    }
}

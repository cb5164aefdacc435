package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The legal clock of a deletion request, free of Kafka: which deadline class an unfinished request is in at a given
 * time, when it must be looked at next, and the one orphan report each class raises.
 */
final class RequestDeadlines {

    /** The most pending block ids a report lists; the count is always given. */
    static final int LISTED_BLOCKS = 20;

    private final Duration atRiskBefore;
    private final Duration finishedRetention;

    RequestDeadlines(TrackingSettings settings) {
        this.atRiskBefore = settings.deadlineAtRiskBefore();
        this.finishedRetention = settings.finishedRetention();
    }

    /** At risk from {@code dueBy - atRiskBefore}, missed from {@code dueBy}; a finished request is in no class. */
    OrphanType standingAt(TrackedRequest request, Instant now) {
        if (!request.unfinished() || request.dueBy() == null) {
            return null;
        }
        if (!now.isBefore(request.dueBy())) {
            return OrphanType.DEADLINE_MISSED;
        }
        return now.isBefore(request.dueBy().minus(atRiskBefore)) ? null : OrphanType.DEADLINE_AT_RISK;
    }

    /**
     * When the request's standing may change with time alone (possibly already past: then at the next punctuation),
     * or a finished request is to be forgotten; null when only a block's change can move it.
     */
    Instant nextCheckAt(TrackedRequest request) {
        if (!request.unfinished()) {
            return request.finishedAt() == null ? null : request.finishedAt().plus(finishedRetention);
        }
        if (request.dueBy() == null || request.standing() == OrphanType.DEADLINE_MISSED) {
            return null;
        }
        return request.standing() == OrphanType.DEADLINE_AT_RISK
                ? request.dueBy()
                : request.dueBy().minus(atRiskBefore);
    }

    /** Whether a finished request has been remembered long enough to drop a late repeat of its blocks' changes. */
    boolean forgettable(TrackedRequest request, Instant now) {
        Instant forgetAt = request.unfinished() ? null : nextCheckAt(request);
        return forgetAt != null && !now.isBefore(forgetAt);
    }

    /**
     * The report of a request entering {@code standing}; null when it raises none: each class is reported once per
     * request, and a request found already missed is not reported as at risk afterwards.
     */
    /** @param listed the first (by id) of the request's pending blocks, at most {@link #LISTED_BLOCKS} */
    OrphanDetected report(TrackedRequest request, OrphanType standing, List<UUID> listed, Instant now) {
        boolean due = standing == OrphanType.DEADLINE_MISSED
                ? !request.reportedMissed()
                : standing == OrphanType.DEADLINE_AT_RISK && !request.reportedAtRisk() && !request.reportedMissed();
        if (!due) {
            return null;
        }
        return new OrphanDetected(
                OrphanReports.idOf(standing.name(), request.deletionId(), String.valueOf(request.dueBy())),
                listed.get(0),
                request.deletionId(),
                request.ownerId(),
                standing,
                OrphanAction.REPORTED,
                reason(request, standing, listed),
                now);
    }

    private static String reason(TrackedRequest request, OrphanType standing, List<UUID> listed) {
        long pending = request.pendingBlocks();
        String more = pending > listed.size() ? ", and " + (pending - listed.size()) + " more" : "";
        String when = standing == OrphanType.DEADLINE_MISSED ? "past its dueBy " : "due by ";
        return "deletion request " + when + request.dueBy() + " with " + pending + " block(s) pending: "
                + listed.stream().map(UUID::toString).collect(Collectors.joining(", ")) + more;
    }
}

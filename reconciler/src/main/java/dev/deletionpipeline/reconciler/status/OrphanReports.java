package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the {@link OrphanDetected} reports of the tracking topology. Their ids are derived from what they report, so
 * that reprocessing the same input reports the same orphan under the same id and consumers drop the repeat.
 */
final class OrphanReports {

    private final TrackingSettings settings;

    OrphanReports(TrackingSettings settings) {
        this.settings = settings;
    }

    /** A stable id for an output derived from one input: the same inputs give the same id. */
    static UUID idOf(String kind, Object subject, String detail) {
        return UUID.nameUUIDFromBytes((kind + "|" + subject + "|" + detail).getBytes(StandardCharsets.UTF_8));
    }

    OrphanDetected deadLettered(TrackedDeletion failed, Inbound.DeadLettered deadLetter, Instant now) {
        String reason =
                deadLetter.detail() == null ? deadLetter.reason() : deadLetter.reason() + ": " + deadLetter.detail();
        return new OrphanDetected(
                failed.lastEventId(),
                failed.blockId(),
                failed.deletionId(),
                failed.ownerId(),
                OrphanType.DEAD_LETTERED,
                OrphanAction.REPORTED,
                reason,
                now);
    }

    /** @param pending a deletion whose deadline has passed */
    OrphanDetected unconfirmed(TrackedDeletion pending, OrphanAction action, Instant now) {
        return new OrphanDetected(
                idOf("unconfirmed", pending.deletionId(), String.valueOf(pending.deadlineAt())),
                pending.blockId(),
                pending.deletionId(),
                pending.ownerId(),
                OrphanType.UNCONFIRMED_TIMEOUT,
                action,
                unconfirmedReason(pending, action),
                now);
    }

    private String unconfirmedReason(TrackedDeletion pending, OrphanAction action) {
        String reason = "not confirmed by " + pending.deadlineAt() + " (" + settings.deadline() + " after purgeAfter "
                + pending.purgeAfter() + ")";
        if (action == OrphanAction.REDRIVEN) {
            return reason + "; re-driven, attempt " + (pending.redriveAttempts() + 1) + " of " + settings.maxRedrives();
        }
        return pending.redriveAttempts() == 0 ? reason : reason + " after " + pending.redriveAttempts() + " re-drives";
    }
}

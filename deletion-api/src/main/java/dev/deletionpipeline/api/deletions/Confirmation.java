package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code deletion_confirmations}: the token of a 428 answer and what it confirms.
 *
 * @param requestedBy the caller it was issued to ({@code deletions.requested_by} form)
 * @param blocks the previewed count, the most the confirmed deletion may soft-delete
 * @param deletionId the deletion it confirmed; null while unused
 */
record Confirmation(
        UUID token,
        String requestedBy,
        UUID ownerId,
        DeletionKind kind,
        String target,
        long blocks,
        Instant expiresAt,
        UUID deletionId) {

    /** Why this confirmation does not confirm this caller's request for this target, or null when it does. */
    String mismatch(String caller, UUID owner, DeletionTarget requested) {
        if (!requestedBy.equals(caller) || !ownerId.equals(owner)) {
            return "The confirmation was issued to another caller or for another owner.";
        }
        if (kind != requested.kind() || !target.equals(requested.target())) {
            return "The confirmation is for another target (" + kind + " " + target + ").";
        }
        return null;
    }

    boolean used() {
        return deletionId != null;
    }

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}

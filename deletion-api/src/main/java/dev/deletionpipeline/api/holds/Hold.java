package dev.deletionpipeline.api.holds;

import dev.deletionpipeline.common.holds.HoldScope;
import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold as the admin API shows it. A hold past its {@code endsAt} counts as released, though nobody released it.
 *
 * @param calendarId nullable: set for CALENDAR holds and for BLOCK holds (the block's calendar)
 * @param blockId nullable: set for BLOCK holds
 * @param endsAt nullable: null holds until released
 * @param releasedAt nullable: when an admin released it, or its end once the expiry was processed
 * @param releasedBy nullable: the releasing admin; null while active and for an expired hold
 * @param releaseReason nullable
 * @param heldBlocks the soft-deleted blocks whose deletion waits because of this hold (0 once it is not active)
 */
record Hold(
        UUID id,
        HoldScope scope,
        UUID ownerId,
        String calendarId,
        UUID blockId,
        String reason,
        String placedBy,
        Instant placedAt,
        Instant endsAt,
        Instant releasedAt,
        String releasedBy,
        String releaseReason,
        boolean active,
        long heldBlocks) {}

package dev.deletionpipeline.api.blocks;

import dev.deletionpipeline.common.events.BlockKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A block as the API shows it.
 *
 * @param itemStatus ACTIVE, or DELETED for a soft-deleted cancellation marker
 * @param deletionState null while live; SOFT_DELETED, CLAIMED or FAILED while its deletion runs
 * @param deletionId the deletion that last touched the block (also kept after a restore)
 */
public record BlockView(
        UUID id,
        UUID ownerId,
        String calendarId,
        BlockKind kind,
        String title,
        Instant startsAt,
        Instant endsAt,
        String googleEventId,
        String recurringEventId,
        UUID originalId,
        String itemStatus,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        UUID deletionId,
        String deletionState,
        Instant purgeAfter) {}

package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A block was soft-deleted and its Google event must now be deleted. Written to the outbox in the same transaction as
 * the soft delete and relayed to {@code blocks.lifecycle.v1}, key = block id. Fields not marked nullable are required.
 *
 * @param googleEventId nullable: null when the block was never synced to Google
 * @param originalId nullable: the parent block, for a child block; null otherwise
 * @param recurringEventId nullable: the Google id of the recurring series this block is an instance of; null otherwise
 * @param deletedAt when the soft delete happened (also for a cancellation marker, whose {@code deleted_at} stays null)
 * @param purgeAfter the end of the grace period: the worker must not claim the block before it
 * @param redriveOf nullable: the event id this event re-drives (a new attempt after an orphan or a dead letter); null
 *     otherwise
 */
public record BlockSoftDeleted(
        UUID eventId,
        UUID deletionId,
        UUID blockId,
        UUID ownerId,
        String calendarId,
        String googleEventId,
        UUID originalId,
        String recurringEventId,
        BlockKind kind,
        Instant deletedAt,
        Instant purgeAfter,
        UUID redriveOf)
        implements LifecycleEvent {

    public BlockSoftDeleted {
        requireNonNull(eventId, "eventId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(calendarId, "calendarId");
        requireNonNull(kind, "kind");
        requireNonNull(deletedAt, "deletedAt");
        requireNonNull(purgeAfter, "purgeAfter");
    }
}

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
 * @param dueBy nullable: when the deletion request must be finished (the legal clock, decided once by deletion-api);
 *     null in events written before it existed
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
        UUID redriveOf,
        Instant dueBy)
        implements LifecycleEvent {

    /** An event without a due date, as written before {@code dueBy} existed. */
    public BlockSoftDeleted(
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
            UUID redriveOf) {
        this(
                eventId,
                deletionId,
                blockId,
                ownerId,
                calendarId,
                googleEventId,
                originalId,
                recurringEventId,
                kind,
                deletedAt,
                purgeAfter,
                redriveOf,
                null);
    }

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

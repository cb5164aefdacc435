package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * Something asked to be deleted was not finished. Topic {@code deletion.orphans.v1}, key = block id; for
 * {@link OrphanType#DEADLINE_AT_RISK} and {@link OrphanType#DEADLINE_MISSED}, which concern a whole deletion request,
 * key = deletion id. Fields not marked nullable are required.
 *
 * @param blockId the block; for a deadline report the first (by id) of the request's pending blocks, which
 *     {@code reason} lists
 * @param deletionId nullable: the deletion the block belongs to; null for a leftover that no deletion ever stamped (an
 *     {@link OrphanType#ORPHAN_CHILD} or {@link OrphanType#CHAIN_LEFTOVER} found by the sweep)
 * @param reason a human-readable detail of why it counts as an orphan (e.g. the dead letter's reason)
 */
public record OrphanDetected(
        UUID eventId,
        UUID blockId,
        UUID deletionId,
        UUID ownerId,
        OrphanType type,
        OrphanAction action,
        String reason,
        Instant detectedAt)
        implements IdentifiedEvent {

    public OrphanDetected {
        requireNonNull(eventId, "eventId");
        requireNonNull(blockId, "blockId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(type, "type");
        requireNonNull(action, "action");
        requireNonNull(reason, "reason");
        requireNonNull(detectedAt, "detectedAt");
    }
}

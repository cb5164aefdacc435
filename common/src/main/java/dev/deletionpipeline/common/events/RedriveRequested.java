package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The reconciler asks for a soft delete that missed its deadline to be sent through the pipeline again. Topic
 * {@code deletion.redrive-requests.v1}, key = block id; written by the reconciler's tracking topology and read by the
 * reconciler itself, which writes the re-drive into the {@code outbox}, so that it reaches {@code blocks.lifecycle.v1}
 * the way every lifecycle event does. All fields are required.
 *
 * @param eventId the request's id, derived from {@code redriveOf} and {@code attempt}; also the id of the
 *     {@link BlockSoftDeleted} the re-drive publishes, so that a repeated request finds the row it already wrote
 * @param redriveOf the {@link BlockSoftDeleted} being re-driven: the one the deletion started with
 * @param attempt 1 for the deletion's first re-drive
 */
public record RedriveRequested(
        UUID eventId, UUID blockId, UUID deletionId, UUID redriveOf, int attempt, Instant requestedAt)
        implements IdentifiedEvent {

    public RedriveRequested {
        requireNonNull(eventId, "eventId");
        requireNonNull(blockId, "blockId");
        requireNonNull(deletionId, "deletionId");
        requireNonNull(redriveOf, "redriveOf");
        requireNonNull(requestedAt, "requestedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be positive: " + attempt);
        }
    }
}

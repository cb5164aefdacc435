package dev.deletionpipeline.common.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A command from another service: delete with the same semantics as the REST API. Topic {@code deletion.requests.v1},
 * key = owner id. An invalid command goes to the requests dead-letter topic with its reason. Fields not marked nullable
 * are required.
 *
 * <p>Whether {@code blockId} and {@code calendarId} must be present depends on the scope. The record does not refuse a
 * command that lacks them, so that the consumer can dead-letter it as an invalid command (with
 * {@link #scopeViolation()} as the reason) rather than as unreadable.
 *
 * @param blockId nullable: the block to delete; needed for scope {@link DeletionScope#BLOCK}, ignored otherwise
 * @param calendarId nullable: the calendar to empty; needed for scope {@link DeletionScope#CALENDAR}, ignored otherwise
 * @param requestedBy the name of the service that asks, for the audit trail
 */
public record DeletionRequested(
        UUID eventId,
        DeletionScope scope,
        UUID ownerId,
        UUID blockId,
        String calendarId,
        String requestedBy,
        Instant requestedAt)
        implements IdentifiedEvent {

    public DeletionRequested {
        requireNonNull(eventId, "eventId");
        requireNonNull(scope, "scope");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(requestedBy, "requestedBy");
        requireNonNull(requestedAt, "requestedAt");
    }

    /** Why this command cannot be carried out as asked, or empty when its scope has the target it needs. */
    public Optional<String> scopeViolation() {
        if (scope == DeletionScope.BLOCK && blockId == null) {
            return Optional.of("scope BLOCK needs a blockId");
        }
        if (scope == DeletionScope.CALENDAR && (calendarId == null || calendarId.isBlank())) {
            return Optional.of("scope CALENDAR needs a calendarId");
        }
        return Optional.empty();
    }
}

package dev.deletionpipeline.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A command from another service: delete with the same semantics as the REST API. Topic {@code deletion.requests.v1},
 * key = owner id. An invalid command goes to the requests dead-letter topic with its reason.
 *
 * @param requestedBy the name of the service that asks, for the audit trail
 */
public record DeletionRequested(
        UUID eventId,
        DeletionScope scope,
        UUID ownerId,
        UUID blockId,
        String calendarId,
        String requestedBy,
        Instant requestedAt) {}

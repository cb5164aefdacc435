package dev.deletionpipeline.api.approvals;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A row of {@code admin_audit}: an operator's action (a decision on a held deletion, a redrive of dead letters, ...).
 *
 * @param subjectId what was acted on: the held deletion, the dead letter, or for a bulk action the entry itself
 * @param actor the admin's token subject
 * @param filter nullable: a bulk action's filter as given (e.g. a filtered redrive's {@code reason}, {@code ownerId})
 * @param count nullable: how many rows the action changed
 */
public record AuditEntry(
        UUID id,
        String action,
        UUID subjectId,
        String actor,
        Instant at,
        String reason,
        JsonNode filter,
        Integer count) {}

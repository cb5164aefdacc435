package dev.deletionpipeline.api.approvals;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code admin_audit}: an admin's decision.
 *
 * @param subjectId the held deletion decided on
 * @param actor the admin's token subject
 */
public record AuditEntry(UUID id, String action, UUID subjectId, String actor, Instant at, String reason) {}

package dev.deletionpipeline.api.security;

import dev.deletionpipeline.api.problems.NotFoundException;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated caller of a request, as controllers see it (resolved from the bearer token by
 * {@link CallerArgumentResolver}).
 *
 * @param subject the token's {@code sub}: an owner id, or an admin's name
 * @param ownerId the owner the caller acts as; empty for an admin
 * @param admin whether the caller has the admin role
 */
public record Caller(String subject, Optional<UUID> ownerId, boolean admin) {

    /** The owner this caller acts as; an admin without an owner identity finds nothing of "their own". */
    public UUID requireOwner() {
        return ownerId.orElseThrow(() -> new NotFoundException("No owner account behind this token."));
    }

    /** Whether this caller may act on data of the given owner. */
    public boolean mayActFor(UUID owner) {
        return admin || ownerId.filter(owner::equals).isPresent();
    }

    /** The {@code deletions.requested_by} audit value. */
    public String auditName() {
        return admin ? "admin:" + subject : "owner:" + subject;
    }
}

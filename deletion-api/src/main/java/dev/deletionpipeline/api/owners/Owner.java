package dev.deletionpipeline.api.owners;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code owners}.
 *
 * @param deletedAt when the account was withdrawn; null while live
 * @param deletionId the WITHDRAWAL deletion that holds the owner's blocks; null while live
 * @param purgeAfter the end of the restore window; null while live
 * @param purgeStartedAt when the purge sent the blocks through the pipeline; null before
 */
public record Owner(
        UUID id,
        String handle,
        String displayName,
        Instant createdAt,
        Instant deletedAt,
        UUID deletionId,
        Instant purgeAfter,
        Instant purgeStartedAt) {

    public boolean withdrawn() {
        return deletedAt != null;
    }
}

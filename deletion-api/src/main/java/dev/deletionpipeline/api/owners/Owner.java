package dev.deletionpipeline.api.owners;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An owner account, the aggregate of {@code owners}: read and written whole through {@link Owners}.
 *
 * @param deletedAt when the account was withdrawn; null while live
 * @param deletionId the WITHDRAWAL deletion that holds the owner's blocks; null while live
 * @param purgeAfter the end of the restore window; null while live
 * @param purgeStartedAt when the purge sent the blocks through the pipeline; null before
 */
@Table("owners")
record Owner(
        @Id UUID id,
        String handle,
        String displayName,
        Instant createdAt,
        Instant deletedAt,
        UUID deletionId,
        Instant purgeAfter,
        Instant purgeStartedAt) {

    static Owner created(UUID id, String handle, String displayName, Instant at) {
        return new Owner(id, handle, displayName, at, null, null, null, null);
    }

    boolean withdrawn() {
        return deletedAt != null;
    }

    Owner withdrawnBy(UUID withdrawal, Instant at, Instant restorableUntil) {
        return new Owner(id, handle, displayName, createdAt, at, withdrawal, restorableUntil, purgeStartedAt);
    }

    Owner restored() {
        return new Owner(id, handle, displayName, createdAt, null, null, null, purgeStartedAt);
    }

    Owner purgeStarted(Instant at) {
        return new Owner(id, handle, displayName, createdAt, deletedAt, deletionId, purgeAfter, at);
    }
}

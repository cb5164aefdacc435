package dev.deletionpipeline.api.owners;

import java.time.Instant;
import java.util.UUID;

/**
 * An owner account as the API shows it.
 *
 * @param withdrawnAt null while the account is live
 * @param purgeAfter the end of the restore window of a withdrawn account
 */
public record OwnerView(
        UUID id, String handle, String displayName, Instant createdAt, Instant withdrawnAt, Instant purgeAfter) {

    static OwnerView of(Owner owner) {
        return new OwnerView(
                owner.id(),
                owner.handle(),
                owner.displayName(),
                owner.createdAt(),
                owner.deletedAt(),
                owner.purgeAfter());
    }
}

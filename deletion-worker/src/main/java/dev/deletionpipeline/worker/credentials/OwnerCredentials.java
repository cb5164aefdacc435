package dev.deletionpipeline.worker.credentials;

import java.util.UUID;

/** Where the worker gets an owner's Google credential; the configured mode decides which implementation is used. */
public interface OwnerCredentials {

    /** @throws CredentialException when the owner has no usable credential */
    OwnerCredential forOwner(UUID ownerId);
}

package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import java.util.UUID;

/** Where the worker gets an owner's Google credential; the configured mode decides which implementation is used. */
public interface OwnerCredentials {

    /** How calls on behalf of one owner authenticate to Google. Implementations never log token values. */
    public interface OwnerCredential {

        /**
         * Puts the owner's current access token into the headers (nothing, for the unauthenticated local stand-in).
         *
         * @throws CredentialException when no token can be had
         */
        void authorize(HttpHeaders headers);

        /**
         * Fetches a new access token now: Google answered 401 to the current one.
         *
         * @throws CredentialException when the token endpoint refuses (e.g. {@code invalid_grant}) or cannot be reached
         */
        void refresh();
    }

    /** @throws CredentialException when the owner has no usable credential */
    OwnerCredential forOwner(UUID ownerId);
}

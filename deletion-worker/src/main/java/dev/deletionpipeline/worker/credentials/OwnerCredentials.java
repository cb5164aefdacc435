package dev.deletionpipeline.worker.credentials;

import com.google.api.client.http.HttpHeaders;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import java.util.UUID;

/** Where the worker gets an owner's Google credential; the configured mode decides which implementation is used. */
public interface OwnerCredentials {

    /** How calls on behalf of one owner authenticate to Google. Implementations never log token values. */
    public interface OwnerCredential {

        /** Mode {@code NONE}: calls go without an Authorization header, for the local stand-in without auth. */
        OwnerCredential NONE = new OwnerCredential() {
            @Override
            public void authorize(HttpHeaders headers) {}

            @Override
            public void refresh() {}
        };

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

    /**
     * An owner's Google credential could not be used. Permanent problems (revoked grant, no credential stored, a stored
     * credential that cannot be decrypted) dead-letter the deletion; only an unreachable token endpoint is temporary
     * and retried. The message never contains a token.
     */
    public class CredentialException extends RuntimeException {

        private final DeadLetterReason reason;

        public CredentialException(DeadLetterReason reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        /** A {@code GOOGLE_CREDENTIAL_*} or {@code GOOGLE_TOKEN_*} reason; it becomes the dead-letter reason. */
        public DeadLetterReason reason() {
            return reason;
        }

        public boolean permanent() {
            return reason != DeadLetterReason.GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE;
        }
    }

    /** @throws CredentialException when the owner has no usable credential */
    OwnerCredential forOwner(UUID ownerId);
}

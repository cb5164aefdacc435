package dev.deletionpipeline.worker.credentials;

import dev.deletionpipeline.common.topics.DeadLetterReason;

/**
 * An owner's Google credential could not be used. Permanent problems (revoked grant, no credential stored, a stored
 * credential that cannot be decrypted) dead-letter the deletion; temporary ones (token endpoint unreachable) retry.
 * The message never contains a token.
 */
public class CredentialException extends RuntimeException {

    private final DeadLetterReason reason;
    private final boolean permanent;

    public CredentialException(DeadLetterReason reason, String detail, boolean permanent, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.permanent = permanent;
    }

    /** One of the {@code GOOGLE_CREDENTIAL_*} or {@code GOOGLE_TOKEN_*} reasons; it becomes the dead-letter reason. */
    public DeadLetterReason reason() {
        return reason;
    }

    public boolean permanent() {
        return permanent;
    }
}

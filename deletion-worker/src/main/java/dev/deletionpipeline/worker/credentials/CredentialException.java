package dev.deletionpipeline.worker.credentials;

/**
 * An owner's Google credential could not be used. Permanent problems (revoked grant, no credential stored, a stored
 * credential that cannot be decrypted) dead-letter the deletion; temporary ones (token endpoint unreachable) retry.
 * The message never contains a token.
 */
public class CredentialException extends RuntimeException {

    public static final String REVOKED = "GOOGLE_CREDENTIAL_REVOKED";
    public static final String MISSING = "GOOGLE_CREDENTIAL_MISSING";
    public static final String UNREADABLE = "GOOGLE_CREDENTIAL_UNREADABLE";
    public static final String TOKEN_ENDPOINT_UNAVAILABLE = "GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE";

    private final String reason;
    private final boolean permanent;

    public CredentialException(String reason, String detail, boolean permanent, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.permanent = permanent;
    }

    /** One of the constants of this class; it becomes the dead-letter reason. */
    public String reason() {
        return reason;
    }

    public boolean permanent() {
        return permanent;
    }
}

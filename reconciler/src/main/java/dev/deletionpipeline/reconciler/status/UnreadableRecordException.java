package dev.deletionpipeline.reconciler.status;

/** A tracked record that cannot be read; it goes to the reconciler's dead-letter topic with {@link #reason()}. */
final class UnreadableRecordException extends Exception {

    static final String UNKNOWN_TYPE = "POISON_UNKNOWN_TYPE";
    static final String NOT_READABLE = "POISON_NOT_READABLE";
    static final String KEY_MISMATCH = "POISON_KEY_MISMATCH";

    private final String reason;

    UnreadableRecordException(String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    /** A code for operators, e.g. {@link #UNKNOWN_TYPE}; the message is the detail. */
    String reason() {
        return reason;
    }
}

package dev.deletionpipeline.worker.failure;

import org.springframework.kafka.support.serializer.DeserializationException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Why a record on {@code blocks.lifecycle.v1} could not be read, as a dead-letter reason: not JSON, no or an unknown
 * {@code ce_type}, a required field missing, or a field of the wrong shape.
 */
public final class PoisonReasons {

    public static final String NOT_JSON = "POISON_NOT_JSON";
    public static final String MISSING_TYPE = "POISON_MISSING_TYPE";
    public static final String UNKNOWN_TYPE = "POISON_UNKNOWN_TYPE";
    public static final String MISSING_FIELD = "POISON_MISSING_FIELD";
    public static final String INVALID_FIELD = "POISON_INVALID_FIELD";

    private PoisonReasons() {}

    public static String reasonOf(Throwable failure) {
        String message = messages(failure);
        if (message.contains("has no ce_type") || message.contains("needs its ce_type")) {
            return MISSING_TYPE;
        }
        if (message.contains("Unknown lifecycle event type")) {
            return UNKNOWN_TYPE;
        }
        if (message.contains("missing required field")) {
            return MISSING_FIELD;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException) {
                return NOT_JSON;
            }
        }
        return INVALID_FIELD;
    }

    /** The deserializer's own message: it names the field or the type, never a value. */
    public static String detailOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException && cause.getCause() != null) {
                return cause.getCause().getMessage();
            }
        }
        return failure.getMessage();
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                all.append(cause.getMessage()).append('\n');
            }
        }
        return all.toString();
    }
}

package dev.deletionpipeline.common.topics;

import java.util.Arrays;

/**
 * Why a record could not be read at all: the {@link DeadLetterHeaders#REASON} of the worker's dead letters for
 * {@code blocks.lifecycle.v1} and of the reconciler's for the topics it tracks. A dead letter with one of these reasons
 * names no deletion to follow.
 */
public enum PoisonReason {
    /** The value is not a JSON object: not JSON at all, or JSON of another shape. */
    POISON_NOT_JSON,
    /** A lifecycle record without a {@code ce_type} header. */
    POISON_MISSING_TYPE,
    /** A {@code ce_type} that is not an event type of the topic. */
    POISON_UNKNOWN_TYPE,
    /** A field its record requires is missing or null. */
    POISON_MISSING_FIELD,
    /** A field of the wrong shape: a wrong type, an unknown enum value, a malformed id. */
    POISON_INVALID_FIELD,
    /** The reconciler could not read the value, for any of the reasons above; the detail says which. */
    POISON_NOT_READABLE,
    /** The reconciler's record is keyed by another block than the one it names, so it would be tracked elsewhere. */
    POISON_KEY_MISMATCH;

    /** Whether a reason read back from a dead letter's header is one of these. */
    public static boolean isPoison(String reason) {
        return Arrays.stream(values()).anyMatch(poison -> poison.name().equals(reason));
    }
}

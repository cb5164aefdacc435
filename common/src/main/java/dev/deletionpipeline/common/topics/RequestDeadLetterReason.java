package dev.deletionpipeline.common.topics;

/**
 * Why a command on {@code deletion.requests.v1} went to {@code deletion.requests-dead-letters.v1}: the value of its
 * {@link DeadLetterHeaders#REASON} header. {@link DeadLetterHeaders#DETAIL} says which field, owner, source or scope.
 */
public enum RequestDeadLetterReason {
    /** The value is not a JSON object. */
    POISON_NOT_JSON,
    /** JSON that is not a valid command (a required field missing, a wrong type) or names something that is absent. */
    INVALID_COMMAND,
    /**
     * The requesting service ({@code ce_source}) is missing, unknown, or may not use the command's scope under
     * {@code deletion.api.requests.sources}; nothing was changed.
     */
    UNAUTHORIZED_SOURCE,
    /** Retries of a transient failure (e.g. the database) ran out. */
    PROCESSING_FAILED
}

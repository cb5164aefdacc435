package dev.deletionpipeline.common.topics;

/** Headers that a dead-letter record adds to the original record's own key, value and headers. */
public final class DeadLetterHeaders {

    /** Why it was given up, e.g. {@code GOOGLE_403_FORBIDDEN}; on the requests topic a {@link RequestDeadLetterReason}. */
    public static final String REASON = "dlt_reason";
    /** A human-readable detail of the reason (never a token or credential). */
    public static final String DETAIL = "dlt_detail";
    /** The last HTTP status Google answered, when there was one. */
    public static final String LAST_HTTP_STATUS = "dlt_last_http_status";

    public static final String ATTEMPTS = "dlt_attempts";
    /** ISO-8601 instants. */
    public static final String FIRST_FAILURE_AT = "dlt_first_failure_at";

    public static final String LAST_FAILURE_AT = "dlt_last_failure_at";
    public static final String ORIGINAL_TOPIC = "dlt_original_topic";
    public static final String ORIGINAL_PARTITION = "dlt_original_partition";
    public static final String ORIGINAL_OFFSET = "dlt_original_offset";

    private DeadLetterHeaders() {}
}

package dev.deletionpipeline.common.cloudevents;

/**
 * The header names of the CloudEvents 1.0 Kafka binding in binary mode, for what reads or configures one header: the
 * consumers' dispatch by {@code ce_type}, the Debezium outbox router's placement. The SDK writes these same names.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}

package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.json.UnreadableRecordException;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the records the topology writes: contract events with their CloudEvents headers, and dead letters. */
final class OutboundRecords {

    /** The {@code ce_source} of every event the reconciler produces. */
    static final String SOURCE = "/reconciler";

    private static final int MAX_DETAIL_LENGTH = 500;

    private OutboundRecords() {}

    /** A contract event keyed by {@code key}, stamped at {@code now}. */
    static <V> Record<String, V> event(String key, Object event, V value, Instant now) {
        return new Record<>(key, value, now.toEpochMilli(), cloudEventHeaders(event, now));
    }

    static Record<String, Outbound> fact(String summaryName, OpsFact fact) {
        return new Record<>(
                summaryName, new Outbound.OpsFactRecorded(fact), fact.at().toEpochMilli());
    }

    /**
     * The unreadable record as it came — key, value and headers — plus the reason headers of {@link DeadLetterHeaders}.
     */
    static Record<String, Outbound> deadLetter(
            Record<String, InboundRecord> original,
            UnreadableRecordException problem,
            Optional<RecordMetadata> metadata,
            Instant now) {
        Headers headers = new RecordHeaders(original.headers().toArray());
        HeaderValues.put(headers, DeadLetterHeaders.REASON, problem.reason().name());
        HeaderValues.put(headers, DeadLetterHeaders.DETAIL, truncated(problem.getMessage()));
        HeaderValues.put(headers, DeadLetterHeaders.ATTEMPTS, 1);
        HeaderValues.put(headers, DeadLetterHeaders.FIRST_FAILURE_AT, now);
        HeaderValues.put(headers, DeadLetterHeaders.LAST_FAILURE_AT, now);
        metadata.ifPresent(source -> {
            HeaderValues.put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, source.topic());
            HeaderValues.put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, source.partition());
            HeaderValues.put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, source.offset());
        });
        return new Record<>(
                original.key(), new Outbound.Unreadable(original.value().value()), original.timestamp(), headers);
    }

    private static Headers cloudEventHeaders(Object event, Instant now) {
        Headers headers = new RecordHeaders();
        ContractCloudEvents.writeTo(headers, ContractCloudEvents.of(event, SOURCE, now));
        return headers;
    }

    private static String truncated(String detail) {
        String text = detail == null ? "" : detail;
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH);
    }
}

package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.worker.tasks.KeptHeader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the Kafka record of a dead letter: the original key, value and headers, plus the {@code dlt_*} headers of
 * {@link DeadLetterHeaders} and the dead letter's id.
 */
final class DeadLetterRecords {

    /** Headers stay small: a dead letter says why in a sentence, not in a stack trace or a whole error body. */
    static final int MAX_DETAIL_LENGTH = 1000;

    private DeadLetterRecords() {}

    static ProducerRecord<String, byte[]> of(DeadLetter deadLetter, String topic) {
        Headers headers = new RecordHeaders();
        for (KeptHeader header : deadLetter.record().headers()) {
            if (!header.name().startsWith("dlt_")) {
                headers.add(header.name(), header.value());
            }
        }
        addReasonHeaders(headers, deadLetter);
        return new ProducerRecord<>(
                topic, null, deadLetter.record().key(), deadLetter.record().value(), headers);
    }

    static void addReasonHeaders(Headers headers, DeadLetter deadLetter) {
        put(headers, WorkerDeadLetterHeaders.DEAD_LETTER_ID, deadLetter.id().toString());
        put(headers, DeadLetterHeaders.REASON, deadLetter.reason());
        if (deadLetter.detail() != null) {
            String detail = deadLetter.detail();
            put(
                    headers,
                    DeadLetterHeaders.DETAIL,
                    detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH));
        }
        if (deadLetter.lastHttpStatus() != null && deadLetter.lastHttpStatus() > 0) {
            put(
                    headers,
                    DeadLetterHeaders.LAST_HTTP_STATUS,
                    deadLetter.lastHttpStatus().toString());
        }
        put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(deadLetter.attempts()));
        put(
                headers,
                DeadLetterHeaders.FIRST_FAILURE_AT,
                deadLetter.firstFailureAt().toString());
        put(
                headers,
                DeadLetterHeaders.LAST_FAILURE_AT,
                deadLetter.lastFailureAt().toString());
        put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, deadLetter.record().topic());
        put(
                headers,
                DeadLetterHeaders.ORIGINAL_PARTITION,
                Integer.toString(deadLetter.record().partition()));
        put(
                headers,
                DeadLetterHeaders.ORIGINAL_OFFSET,
                Long.toString(deadLetter.record().offset()));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

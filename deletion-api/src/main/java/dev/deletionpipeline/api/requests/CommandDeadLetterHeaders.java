package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.common.json.UnreadableRecordException;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.PoisonReason;
import dev.deletionpipeline.common.topics.RequestDeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The reason headers of a dead-lettered command, a {@link RequestDeadLetterReason}: {@code POISON_NOT_JSON} for a
 * value that is not a JSON object, {@code INVALID_COMMAND} for JSON that is not a valid command (the serde's other
 * {@link PoisonReason}s: a required field missing, a wrong type) or a command that names something that does not
 * exist, {@code UNAUTHORIZED_SOURCE} for a command its {@code ce_source} may not send, {@code PROCESSING_FAILED} when
 * retries of a transient failure ran out. The detail names the field, the missing thing or the source and scope; it
 * never carries more than {@value #MAX_DETAIL} characters.
 */
final class CommandDeadLetterHeaders {

    static final int MAX_DETAIL = 1000;

    private CommandDeadLetterHeaders() {}

    static Headers headersFor(ConsumerRecord<?, ?> record, Exception failure) {
        RequestDeadLetterReason reason;
        String detail;
        UnreadableRecordException unreadable = find(failure, UnreadableRecordException.class);
        InvalidCommandException invalid = find(failure, InvalidCommandException.class);
        UnauthorizedSourceException unauthorized = find(failure, UnauthorizedSourceException.class);
        if (unreadable != null) {
            reason = unreadable.reason() == PoisonReason.POISON_NOT_JSON
                    ? RequestDeadLetterReason.POISON_NOT_JSON
                    : RequestDeadLetterReason.INVALID_COMMAND;
            detail = unreadable.getMessage();
        } else if (unauthorized != null) {
            reason = RequestDeadLetterReason.UNAUTHORIZED_SOURCE;
            detail = unauthorized.getMessage();
        } else if (invalid != null) {
            reason = RequestDeadLetterReason.INVALID_COMMAND;
            detail = invalid.getMessage();
        } else {
            reason = RequestDeadLetterReason.PROCESSING_FAILED;
            detail = messageOf(rootOf(failure));
        }
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.REASON, reason.name());
        add(headers, DeadLetterHeaders.DETAIL, truncate(detail));
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, String.valueOf(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(record.offset()));
        return headers;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

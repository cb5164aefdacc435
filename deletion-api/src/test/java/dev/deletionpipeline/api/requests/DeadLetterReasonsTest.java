package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterReasonsTest {

    private static final ConsumerRecord<String, Object> RECORD =
            new ConsumerRecord<>("deletion.requests.v1", 2, 41L, "key", null);

    @Test
    void bytesThatAreNotAJsonObjectArePoison() {
        Headers headers = DeadLetterReasons.headersFor(RECORD, unreadable("not json {"));

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("POISON_NOT_JSON");
        assertThat(header(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("deletion.requests.v1");
        assertThat(header(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
    }

    @Test
    void aJsonObjectThatIsNotAValidCommandIsAnInvalidCommandWithTheSerdesReason() {
        Headers headers = DeadLetterReasons.headersFor(RECORD, unreadable("{\"scope\":\"OWNER\"}"));

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("INVALID_COMMAND");
        assertThat(header(headers, DeadLetterHeaders.DETAIL)).isEqualTo("missing required field 'eventId'");
    }

    @Test
    void aRefusedCommandIsAnInvalidCommandWithItsMessage() {
        Exception failure = new ListenerExecutionFailedException(
                "listener failed", new InvalidCommandException("Unknown owner 42."));

        Headers headers = DeadLetterReasons.headersFor(RECORD, failure);

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("INVALID_COMMAND");
        assertThat(header(headers, DeadLetterHeaders.DETAIL)).isEqualTo("Unknown owner 42.");
    }

    @Test
    void aCommandItsSourceMayNotSendIsUnauthorizedSourceWithItsMessage() {
        Exception failure = new ListenerExecutionFailedException(
                "listener failed",
                new UnauthorizedSourceException("ce_source '/billing' may not request scope OWNER."));

        Headers headers = DeadLetterReasons.headersFor(RECORD, failure);

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("UNAUTHORIZED_SOURCE");
        assertThat(header(headers, DeadLetterHeaders.DETAIL))
                .isEqualTo("ce_source '/billing' may not request scope OWNER.");
    }

    @Test
    void anyOtherFailureIsProcessingFailedWithAShortDetail() {
        Exception failure =
                new ListenerExecutionFailedException("listener failed", new IllegalStateException("x".repeat(5000)));

        Headers headers = DeadLetterReasons.headersFor(RECORD, failure);

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("PROCESSING_FAILED");
        assertThat(header(headers, DeadLetterHeaders.DETAIL)).hasSize(DeadLetterReasons.MAX_DETAIL);
    }

    private static DeserializationException unreadable(String value) {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        Exception cause = new org.apache.kafka.common.errors.SerializationException("missing required field 'eventId'");
        return new DeserializationException("failed", data, false, cause);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

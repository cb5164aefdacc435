package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

class CommandDeadLetterHeadersTest {

    private static final ConsumerRecord<String, Object> RECORD =
            new ConsumerRecord<>("deletion.requests.v1", 2, 41L, "key", null);

    @Test
    void bytesThatAreNotAJsonObjectArePoison() {
        Headers headers = CommandDeadLetterHeaders.headersFor(RECORD, unreadable("not json {"));

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("POISON_NOT_JSON");
        assertThat(header(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("deletion.requests.v1");
        assertThat(header(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
    }

    @Test
    void aJsonObjectThatIsNotAValidCommandIsAnInvalidCommandWithTheSerdesReason() {
        Headers headers = CommandDeadLetterHeaders.headersFor(RECORD, unreadable("{\"scope\":\"OWNER\"}"));

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("INVALID_COMMAND");
        assertThat(header(headers, DeadLetterHeaders.DETAIL))
                .isEqualTo("Not a valid DeletionRequested on deletion.requests.v1: missing required field 'eventId'");
    }

    @Test
    void jsonThatIsNotAnObjectIsPoison() {
        Headers headers = CommandDeadLetterHeaders.headersFor(RECORD, unreadable("[1, 2]"));

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("POISON_NOT_JSON");
    }

    @Test
    void aRefusedCommandIsAnInvalidCommandWithItsMessage() {
        Exception failure = new ListenerExecutionFailedException(
                "listener failed", new InvalidCommandException("Unknown owner 42."));

        Headers headers = CommandDeadLetterHeaders.headersFor(RECORD, failure);

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("INVALID_COMMAND");
        assertThat(header(headers, DeadLetterHeaders.DETAIL)).isEqualTo("Unknown owner 42.");
    }

    @Test
    void aCommandItsSourceMayNotSendIsUnauthorizedSourceWithItsMessage() {
        Exception failure = new ListenerExecutionFailedException(
                "listener failed",
                new UnauthorizedSourceException("ce_source '/billing' may not request scope OWNER."));

        Headers headers = CommandDeadLetterHeaders.headersFor(RECORD, failure);

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("UNAUTHORIZED_SOURCE");
        assertThat(header(headers, DeadLetterHeaders.DETAIL))
                .isEqualTo("ce_source '/billing' may not request scope OWNER.");
    }

    @Test
    void anyOtherFailureIsProcessingFailedWithAShortDetail() {
        Exception failure =
                new ListenerExecutionFailedException("listener failed", new IllegalStateException("x".repeat(5000)));

        Headers headers = CommandDeadLetterHeaders.headersFor(RECORD, failure);

        assertThat(header(headers, DeadLetterHeaders.REASON)).isEqualTo("PROCESSING_FAILED");
        assertThat(header(headers, DeadLetterHeaders.DETAIL)).hasSize(CommandDeadLetterHeaders.MAX_DETAIL);
    }

    /** What the listener gets for a value the contract's serde cannot read. */
    private static DeserializationException unreadable(String value) {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        Throwable cause = catchThrowable(
                () -> Topics.DELETION_REQUESTS.valueSerde().deserializer().deserialize(RECORD.topic(), data));
        return new DeserializationException("failed", data, false, cause);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

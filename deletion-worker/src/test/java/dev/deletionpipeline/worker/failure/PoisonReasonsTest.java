package dev.deletionpipeline.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.json.LifecycleEventSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PoisonReasonsTest {

    private final LifecycleEventSerde serde = new LifecycleEventSerde();

    @Test
    void notJsonIsNamedAsSuch() {
        assertThat(reasonFor(EventTypes.typeOf(BlockSoftDeleted.class), "this is not json {"))
                .isEqualTo(PoisonReasons.NOT_JSON);
    }

    @Test
    void unknownTypeIsNamedAsSuch() {
        assertThat(reasonFor("com.example.Unknown.v1", "{}")).isEqualTo(PoisonReasons.UNKNOWN_TYPE);
    }

    @Test
    void missingTypeHeaderIsNamedAsSuch() {
        assertThat(reasonFor(null, "{}")).isEqualTo(PoisonReasons.MISSING_TYPE);
    }

    @Test
    void missingRequiredFieldIsNamedAsSuch() {
        Throwable failure = failureOf(
                EventTypes.typeOf(BlockSoftDeleted.class), "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\"}");

        assertThat(PoisonReasons.reasonOf(failure)).isEqualTo(PoisonReasons.MISSING_FIELD);
        assertThat(PoisonReasons.detailOf(failure)).contains("missing required field");
    }

    private String reasonFor(String type, String value) {
        return PoisonReasons.reasonOf(failureOf(type, value));
    }

    private Throwable failureOf(String type, String value) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        Throwable failure = catchThrowable(() -> serde.deserializer()
                .deserialize("blocks.lifecycle.v1", headers, value.getBytes(StandardCharsets.UTF_8)));
        assertThat(failure).isNotNull();
        return failure;
    }
}

package dev.deletionpipeline.common.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventAttributesTest {

    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53.601Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SOURCE = "/deletion-api";

    @Test
    void anEventWithAnIdTravelsUnderThatId() {
        BlockSoftDeleted event = SampleEvents.blockSoftDeleted();

        CloudEventAttributes attributes = CloudEventAttributes.of(event, SOURCE, CLOCK);

        assertThat(attributes)
                .isEqualTo(new CloudEventAttributes(
                        event.eventId(), EventTypes.typeOf(BlockSoftDeleted.class), SOURCE, NOW));
    }

    @Test
    void aSnapshotGetsAFreshIdEachTime() {
        DeletionStatus status = SampleEvents.deletionStatus();

        CloudEventAttributes first = CloudEventAttributes.of(status, SOURCE, CLOCK);
        CloudEventAttributes second = CloudEventAttributes.of(status, SOURCE, CLOCK);

        assertThat(first.type()).isEqualTo(EventTypes.typeOf(DeletionStatus.class));
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void somethingOutsideTheContractHasNoAttributes() {
        assertThatIllegalArgumentException().isThrownBy(() -> CloudEventAttributes.of("hello", SOURCE, CLOCK));
    }

    @Test
    void attributesRoundTripThroughRecordHeaders() {
        CloudEventAttributes attributes = CloudEventAttributes.of(SampleEvents.hardDeleteConfirmed(), SOURCE, CLOCK);
        Headers headers = new RecordHeaders();

        attributes.writeTo(headers);

        assertThat(CloudEventAttributes.readFrom(headers)).contains(attributes);
    }

    @Test
    void theHeadersFollowTheKafkaBindingInBinaryMode() {
        UUID id = UUID.fromString("0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b");
        Headers headers = new RecordHeaders();

        new CloudEventAttributes(id, "dev.deletionpipeline.BlockSoftDeleted.v1", SOURCE, NOW).writeTo(headers);

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo(id.toString());
        assertThat(text(headers, "ce_type")).isEqualTo("dev.deletionpipeline.BlockSoftDeleted.v1");
        assertThat(text(headers, "ce_source")).isEqualTo(SOURCE);
        assertThat(text(headers, "ce_time")).isEqualTo("2026-03-14T09:26:53.601Z");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void writingTwiceLeavesOneValuePerHeader() {
        Headers headers = new RecordHeaders();
        CloudEventAttributes.of(SampleEvents.blockSoftDeleted(), SOURCE, CLOCK).writeTo(headers);

        CloudEventAttributes.of(SampleEvents.blockRestored(), SOURCE, CLOCK).writeTo(headers);

        assertThat(headers.headers("ce_id")).hasSize(1);
        assertThat(CloudEventAttributes.readFrom(headers).orElseThrow().id())
                .isEqualTo(SampleEvents.blockRestored().eventId());
    }

    @Test
    void aRecordWithoutCloudEventHeadersHasNoAttributes() {
        assertThat(CloudEventAttributes.readFrom(new RecordHeaders())).isEmpty();
        assertThat(CloudEventAttributes.readFrom(null)).isEmpty();
    }

    @Test
    void anotherSpecVersionIsRejected() {
        Headers headers = writtenHeaders();
        headers.remove("ce_specversion").add("ce_specversion", bytes("0.3"));

        assertThatThrownBy(() -> CloudEventAttributes.readFrom(headers))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0.3");
    }

    @Test
    void aMissingRequiredAttributeIsRejected() {
        Headers headers = writtenHeaders();
        headers.remove("ce_source");

        assertThatThrownBy(() -> CloudEventAttributes.readFrom(headers))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ce_source");
    }

    @Test
    void anIdThatIsNotAUuidIsRejected() {
        Headers headers = writtenHeaders();
        headers.remove("ce_id").add("ce_id", bytes("42"));

        assertThatThrownBy(() -> CloudEventAttributes.readFrom(headers)).isInstanceOf(SerializationException.class);
    }

    @Test
    void theTimeIsOptionalAndMayCarryAnOffset() {
        Headers headers = writtenHeaders();
        headers.remove("ce_time");
        assertThat(CloudEventAttributes.readFrom(headers).orElseThrow().time()).isNull();

        headers.add("ce_time", bytes("2026-03-14T10:26:53.601+01:00"));
        assertThat(CloudEventAttributes.readFrom(headers).orElseThrow().time()).isEqualTo(NOW);
    }

    private static Headers writtenHeaders() {
        Headers headers = new RecordHeaders();
        CloudEventAttributes.of(SampleEvents.blockSoftDeleted(), SOURCE, CLOCK).writeTo(headers);
        return headers;
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

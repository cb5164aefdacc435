package dev.deletionpipeline.common.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.SampleEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ContractCloudEventsTest {

    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53.601Z");
    private static final String SOURCE = "/deletion-api";

    @Test
    void anEventWithAnIdTravelsUnderThatId() {
        BlockSoftDeleted event = SampleEvents.blockSoftDeleted();

        CloudEvent cloudEvent = ContractCloudEvents.of(event, SOURCE, NOW);

        assertThat(cloudEvent.getId()).isEqualTo(event.eventId().toString());
        assertThat(cloudEvent.getType()).isEqualTo(EventTypes.typeOf(BlockSoftDeleted.class));
        assertThat(cloudEvent.getSource()).hasToString(SOURCE);
        assertThat(cloudEvent.getTime().toInstant()).isEqualTo(NOW);
        assertThat(cloudEvent.getDataContentType()).isEqualTo(CloudEventHeaders.JSON);
        assertThat(cloudEvent.getSpecVersion()).isEqualTo(SpecVersion.V1);
    }

    @Test
    void aSnapshotGetsAFreshIdEachTime() {
        DeletionStatus status = SampleEvents.deletionStatus();

        CloudEvent first = ContractCloudEvents.of(status, SOURCE, NOW);
        CloudEvent second = ContractCloudEvents.of(status, SOURCE, NOW);

        assertThat(first.getType()).isEqualTo(EventTypes.typeOf(DeletionStatus.class));
        assertThat(first.getId()).isNotEqualTo(second.getId());
    }

    @Test
    void somethingOutsideTheContractHasNoCloudEvent() {
        assertThatIllegalArgumentException().isThrownBy(() -> ContractCloudEvents.of("hello", SOURCE, NOW));
    }

    @Test
    void theHeadersRoundTrip() {
        CloudEvent written = ContractCloudEvents.of(SampleEvents.hardDeleteConfirmed(), SOURCE, NOW);
        Headers headers = new RecordHeaders();

        ContractCloudEvents.writeTo(headers, written);

        assertThat(ContractCloudEvents.readFrom(headers)).contains(written);
    }

    @Test
    void eachAttributeIsWrittenOnce() {
        Headers headers = writtenHeaders();

        assertThat(headers.toArray())
                .extracting(Header::key)
                .containsExactlyInAnyOrder(
                        "ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "content-type");
    }

    @Test
    void aRecordWithoutCloudEventHeadersHasNoCloudEvent() {
        assertThat(ContractCloudEvents.readFrom(new RecordHeaders())).isEmpty();
        assertThat(ContractCloudEvents.readFrom(null)).isEmpty();
    }

    @Test
    void aMissingRequiredAttributeIsRejected() {
        Headers headers = writtenHeaders();
        headers.remove("ce_source");

        assertThatThrownBy(() -> ContractCloudEvents.readFrom(headers)).isInstanceOf(CloudEventRWException.class);
    }

    @Test
    void theTimeIsOptionalAndMayCarryAnOffset() {
        Headers headers = writtenHeaders();
        headers.remove("ce_time");
        assertThat(ContractCloudEvents.readFrom(headers).orElseThrow().getTime())
                .isNull();

        headers.add("ce_time", "2026-03-14T10:26:53.601+01:00".getBytes(StandardCharsets.UTF_8));
        assertThat(ContractCloudEvents.readFrom(headers).orElseThrow().getTime().toInstant())
                .isEqualTo(NOW);
    }

    private static Headers writtenHeaders() {
        Headers headers = new RecordHeaders();
        ContractCloudEvents.writeTo(headers, ContractCloudEvents.of(SampleEvents.blockSoftDeleted(), SOURCE, NOW));
        return headers;
    }
}

package dev.deletionpipeline.common.json;

import static dev.deletionpipeline.common.json.UnreadableRecords.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.events.SampleEvents;
import dev.deletionpipeline.common.topics.PoisonReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LifecycleEventSerdeTest {

    private final LifecycleEventSerde serde = new LifecycleEventSerde();

    @Test
    void aSoftDeleteIsReadAsBlockSoftDeleted() {
        BlockSoftDeleted event = SampleEvents.blockSoftDeleted();

        LifecycleEvent read = roundTrip(event, typeHeader(EventTypes.typeOf(BlockSoftDeleted.class)));

        assertThat(read).isInstanceOf(BlockSoftDeleted.class).isEqualTo(event);
    }

    @Test
    void aRestoreIsReadAsBlockRestored() {
        BlockRestored event = SampleEvents.blockRestored();

        LifecycleEvent read = roundTrip(event, typeHeader(EventTypes.typeOf(BlockRestored.class)));

        assertThat(read).isInstanceOf(BlockRestored.class).isEqualTo(event);
    }

    @Test
    void holdEventsAreReadAsTheirTypes() {
        BlockHeld held = SampleEvents.blockHeld();
        BlockHoldReleased released = SampleEvents.blockHoldReleased();

        assertThat(roundTrip(held, typeHeader(EventTypes.typeOf(BlockHeld.class))))
                .isEqualTo(held);
        assertThat(roundTrip(released, typeHeader(EventTypes.typeOf(BlockHoldReleased.class))))
                .isEqualTo(released);
    }

    @Test
    void theLastTypeHeaderDecides() {
        Headers headers = typeHeader(EventTypes.typeOf(BlockSoftDeleted.class));
        headers.add(
                CloudEventHeaders.TYPE, EventTypes.typeOf(BlockRestored.class).getBytes(StandardCharsets.UTF_8));

        assertThat(roundTrip(SampleEvents.blockRestored(), headers)).isInstanceOf(BlockRestored.class);
    }

    @Test
    void aRecordWithoutATypeHeaderIsRejected() {
        assertThatThrownBy(() -> roundTrip(SampleEvents.blockSoftDeleted(), new RecordHeaders()))
                .satisfies(hasReason(PoisonReason.POISON_MISSING_TYPE))
                .hasMessageContaining("no ce_type header");
    }

    @Test
    void aRecordReadWithoutHeadersIsRejected() {
        byte[] json = serde.serializer().serialize("t", SampleEvents.blockSoftDeleted());

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", json))
                .satisfies(hasReason(PoisonReason.POISON_MISSING_TYPE));
    }

    @Test
    void aTypeThatIsNotALifecycleEventIsRejected() {
        Headers headers = typeHeader(EventTypes.typeOf(HardDeleteConfirmed.class));

        assertThatThrownBy(() -> roundTrip(SampleEvents.blockSoftDeleted(), headers))
                .satisfies(hasReason(PoisonReason.POISON_UNKNOWN_TYPE))
                .hasMessageContaining("Unknown lifecycle event type on t: dev.deletionpipeline.HardDeleteConfirmed.v1");
    }

    @Test
    void anUnknownTypeIsRejected() {
        assertThatThrownBy(() -> roundTrip(SampleEvents.blockSoftDeleted(), typeHeader("BlockSoftDeleted.v9")))
                .satisfies(hasReason(PoisonReason.POISON_UNKNOWN_TYPE))
                .hasMessageContaining("BlockSoftDeleted.v9");
    }

    @Test
    void aBodyThatDoesNotMatchItsTypeIsRejected() {
        Headers headers = typeHeader(EventTypes.typeOf(BlockSoftDeleted.class));

        assertThatThrownBy(() -> roundTrip(SampleEvents.blockRestored(), headers))
                .satisfies(hasReason(PoisonReason.POISON_MISSING_FIELD))
                .hasMessageContaining("missing required field 'calendarId'");
    }

    @Test
    void aBodyThatIsNotJsonIsRejectedAsSuch() {
        Headers headers = typeHeader(EventTypes.typeOf(BlockSoftDeleted.class));

        assertThatThrownBy(() -> serde.deserializer()
                        .deserialize("t", headers, "this is not json {".getBytes(StandardCharsets.UTF_8)))
                .satisfies(hasReason(PoisonReason.POISON_NOT_JSON));
    }

    @Test
    void aTombstoneIsReadAsNull() {
        assertThat(serde.deserializer().deserialize("t", new RecordHeaders(), (byte[]) null))
                .isNull();
    }

    private LifecycleEvent roundTrip(LifecycleEvent event, Headers headers) {
        byte[] json = serde.serializer().serialize("t", event);
        return serde.deserializer().deserialize("t", headers, json);
    }

    private static Headers typeHeader(String type) {
        return new RecordHeaders().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
    }
}

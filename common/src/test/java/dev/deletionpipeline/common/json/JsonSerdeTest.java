package dev.deletionpipeline.common.json;

import static dev.deletionpipeline.common.json.UnreadableRecords.hasReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.RecordFields;
import dev.deletionpipeline.common.events.SampleEvents;
import dev.deletionpipeline.common.topics.PoisonReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class JsonSerdeTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#samples")
    void everyEventReadsBackEqualThroughTheSerde(Object event) {
        JsonSerde<Object> serde = serdeOf(event);

        byte[] json = serde.serializer().serialize("t", event);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#samples")
    void everyEventReadsBackEqualThroughTheMapper(Object event) {
        String json = EventJson.mapper().writeValueAsString(event);

        assertThat(EventJson.mapper().readValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#samples")
    void nullFieldsAreLeftOutAndInstantsAreIsoStrings(Object event) {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(event);

        for (String field : RecordFields.nullableOf(event.getClass())) {
            assertThat(json.has(field)).isEqualTo(valueIsPresent(event, field));
        }
        json.properties().stream()
                .filter(e -> e.getKey().endsWith("At"))
                .forEach(e -> assertThat(e.getValue().asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void propertiesAddedByANewerProducerAreIgnored() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.put("addedInV2", "whatever").putObject("nested").put("x", 1);

        HardDeleteConfirmed read = new JsonSerde<>(HardDeleteConfirmed.class)
                .deserializer()
                .deserialize("t", json.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(SampleEvents.hardDeleteConfirmed());
    }

    @Test
    void aMissingPrimitiveFieldIsReportedByName() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.remove("attempts");

        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, json.toString()))
                .isInstanceOf(SerializationException.class)
                .satisfies(hasReason(PoisonReason.POISON_MISSING_FIELD))
                .hasMessageContaining("HardDeleteConfirmed")
                .hasMessageContaining("missing required field 'attempts'");
    }

    @Test
    void aPrimitiveFieldOfTheWrongTypeIsReportedAsSuchNotAsMissing() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.put("attempts", "two");

        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, json.toString()))
                .isInstanceOf(SerializationException.class)
                .satisfies(hasReason(PoisonReason.POISON_INVALID_FIELD))
                .hasMessageContaining("field 'attempts': ")
                .hasMessageNotContaining("missing");
    }

    @Test
    void aMissingFieldOfANestedRecordIsReportedByName() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.opsSummary());
        ((ObjectNode) json.get("softDeleteToConfirmMs")).remove("p99");

        assertThatThrownBy(() -> deserialize(OpsSummary.class, json.toString()))
                .isInstanceOf(SerializationException.class)
                .satisfies(hasReason(PoisonReason.POISON_MISSING_FIELD))
                .hasMessageContaining("missing required field 'p99'");
    }

    @Test
    void anUnknownEnumValueIsNotAValidEvent() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.put("outcome", "MAYBE_GONE");

        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, json.toString()))
                .isInstanceOf(SerializationException.class)
                .satisfies(hasReason(PoisonReason.POISON_INVALID_FIELD))
                .hasMessageContaining("'outcome'");
    }

    @Test
    void aMalformedIdIsNotAValidEvent() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.put("blockId", "block-42");

        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, json.toString()))
                .isInstanceOf(SerializationException.class)
                .satisfies(hasReason(PoisonReason.POISON_INVALID_FIELD))
                .hasMessageContaining("'blockId'");
    }

    @Test
    void bytesThatAreNotJsonAreNotAValidEvent() {
        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, "not json {"))
                .isInstanceOf(SerializationException.class)
                .satisfies(hasReason(PoisonReason.POISON_NOT_JSON))
                .hasMessageContaining("Not a valid HardDeleteConfirmed on t");
    }

    @Test
    void jsonThatIsNotAnObjectIsNotJsonForAnEvent() {
        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, "[1, 2]"))
                .satisfies(hasReason(PoisonReason.POISON_NOT_JSON));
    }

    @Test
    void aMissingReferenceFieldIsReportedByName() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.remove("blockId");

        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, json.toString()))
                .satisfies(hasReason(PoisonReason.POISON_MISSING_FIELD))
                .hasMessageContaining("missing required field 'blockId'");
    }

    @Test
    void aNullPrimitiveFieldIsReportedAsMissing() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.hardDeleteConfirmed());
        json.putNull("attempts");

        assertThatThrownBy(() -> deserialize(HardDeleteConfirmed.class, json.toString()))
                .satisfies(hasReason(PoisonReason.POISON_MISSING_FIELD))
                .hasMessageContaining("missing required field 'attempts'");
    }

    @Test
    void aTombstoneStaysNullBothWays() {
        JsonSerde<HardDeleteConfirmed> serde = new JsonSerde<>(HardDeleteConfirmed.class);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @SuppressWarnings("unchecked")
    private static JsonSerde<Object> serdeOf(Object event) {
        return new JsonSerde<>((Class<Object>) event.getClass());
    }

    private static <T> T deserialize(Class<T> type, String json) {
        return new JsonSerde<>(type).deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean valueIsPresent(Object event, String field) {
        try {
            return RecordFields.componentOf(event.getClass(), field)
                            .getAccessor()
                            .invoke(event)
                    != null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

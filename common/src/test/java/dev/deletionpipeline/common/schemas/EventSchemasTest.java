package dev.deletionpipeline.common.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.RecordFields;
import dev.deletionpipeline.common.events.SampleEvents;
import dev.deletionpipeline.common.json.EventJson;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemasTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void eachEventHasAVersionedDraft202012SchemaOnTheClasspath(Class<?> eventClass) {
        JsonNode schema = SchemaMatchesRecordTest.schemaOf(eventClass);
        String name = eventClass.getSimpleName();

        assertThat(EventSchemas.resourceOf(eventClass)).isEqualTo("schemas/" + name + ".schema.json");
        assertThat(EventSchemas.idOf(eventClass))
                .isEqualTo(URI.create("https://deletionpipeline.dev/schemas/" + name + ".v1.json"));
        assertThat(schema.get("$id").asString())
                .isEqualTo(EventSchemas.idOf(eventClass).toString());
        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("title").asString()).isEqualTo(name);
        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void eachSchemaIsAValidDraft202012Schema(Class<?> eventClass) {
        String schema = SchemaMatchesRecordTest.schemaOf(eventClass).toString();

        assertThat(EventSchemaValidator.metaSchemaProblems(schema)).isEmpty();
    }

    @Test
    void theMetaSchemaCheckFindsAMisspelledType() {
        assertThat(EventSchemaValidator.metaSchemaProblems("{\"type\": \"strin\"}"))
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#samples")
    void everyEventAsWrittenIsValidAgainstItsSchema(Object event) {
        String json = EventJson.mapper().writeValueAsString(event);

        assertThat(EventSchemaValidator.problems(event.getClass(), json)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#samplesWithNullablesNull")
    void nullableFieldsMayAlsoBeWrittenAsExplicitNull(Object event) {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(event);
        RecordFields.nullableOf(event.getClass()).forEach(json::putNull);

        assertThat(EventSchemaValidator.problems(event.getClass(), json.toString()))
                .isEmpty();
    }

    @Test
    void propertiesAddedByANewerProducerAreAccepted() {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.blockSoftDeleted());
        json.put("addedInV2", true);

        assertThat(EventSchemaValidator.problems(BlockSoftDeleted.class, json.toString()))
                .isEmpty();
    }

    @Test
    void anIdThatIsNotAUuidIsInvalid() {
        assertThat(problemsWith(BlockSoftDeleted.class, SampleEvents.blockSoftDeleted(), "blockId", "block-42"))
                .anySatisfy(p -> assertThat(p).contains("blockId"));
    }

    @Test
    void aTimeThatIsNotAnIsoInstantIsInvalid() {
        assertThat(problemsWith(BlockSoftDeleted.class, SampleEvents.blockSoftDeleted(), "purgeAfter", "next week"))
                .anySatisfy(p -> assertThat(p).contains("purgeAfter"));
    }

    @Test
    void anUnknownEnumValueIsInvalid() {
        assertThat(problemsWith(HardDeleteConfirmed.class, SampleEvents.hardDeleteConfirmed(), "outcome", "MAYBE_GONE"))
                .anySatisfy(p -> assertThat(p).contains("outcome"));
    }

    @Test
    void aBlockCommandWithoutABlockIdIsInvalid() {
        DeletionRequested command = RecordFields.with(SampleEvents.deletionRequested(), "blockId", null);

        assertThat(EventSchemaValidator.problems(
                        DeletionRequested.class, EventJson.mapper().writeValueAsString(command)))
                .anySatisfy(p -> assertThat(p).contains("blockId"));
    }

    @Test
    void aCalendarCommandWithoutACalendarIdIsInvalid() {
        DeletionRequested command = RecordFields.with(
                RecordFields.with(SampleEvents.deletionRequested(), "scope", DeletionScope.CALENDAR),
                "calendarId",
                null);

        assertThat(EventSchemaValidator.problems(
                        DeletionRequested.class, EventJson.mapper().writeValueAsString(command)))
                .anySatisfy(p -> assertThat(p).contains("calendarId"));
    }

    @Test
    void aClassOutsideTheContractHasNoSchema() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventSchemas.resourceOf(String.class));
    }

    private static List<String> problemsWith(Class<?> eventClass, Object event, String field, String value) {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(event);
        json.put(field, value);
        return EventSchemaValidator.problems(eventClass, json.toString());
    }
}

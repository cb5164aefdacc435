package dev.deletionpipeline.common.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.LatencyPercentiles;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.events.ReceiptTotals;
import dev.deletionpipeline.common.events.RecordFields;
import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Keeps each schema and its event record from drifting apart: same fields, same required set, same types. */
class SchemaMatchesRecordTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void theSchemaHasExactlyTheRecordsFields(Class<?> eventClass) {
        assertThat(propertyNames(schemaOf(eventClass))).containsExactlyElementsOf(RecordFields.namesOf(eventClass));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void theSchemaRequiresExactlyTheFieldsTheRecordRefusesToLeaveNull(Class<?> eventClass) {
        assertThat(strings(schemaOf(eventClass).get("required")))
                .containsExactlyElementsOf(RecordFields.requiredOf(eventClass));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void eachPropertyHasTheTypeOfItsField(Class<?> eventClass) {
        JsonNode properties = schemaOf(eventClass).get("properties");
        List<String> nullable = RecordFields.nullableOf(eventClass);
        for (RecordComponent component : eventClass.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            String where = eventClass.getSimpleName() + "." + component.getName();
            assertType(where, property, component, nullable.contains(component.getName()));
        }
    }

    @Test
    void theNestedLatencyPercentilesMatchTheirRecord() {
        JsonNode definition = schemaOf(OpsSummary.class).get("$defs").get("LatencyPercentiles");

        assertThat(propertyNames(definition)).containsExactlyElementsOf(RecordFields.namesOf(LatencyPercentiles.class));
        assertThat(strings(definition.get("required")))
                .containsExactlyElementsOf(RecordFields.namesOf(LatencyPercentiles.class));
    }

    @Test
    void theNestedReceiptTotalsAndBlocksMatchTheirRecords() {
        JsonNode definitions = schemaOf(DeletionCompleted.class).get("$defs");
        JsonNode totals = definitions.get("ReceiptTotals");
        JsonNode block = definitions.get("ReceiptBlock");

        assertThat(propertyNames(totals)).containsExactlyElementsOf(RecordFields.namesOf(ReceiptTotals.class));
        assertThat(strings(totals.get("required")))
                .containsExactlyElementsOf(RecordFields.namesOf(ReceiptTotals.class));
        assertThat(propertyNames(block)).containsExactlyElementsOf(RecordFields.namesOf(ReceiptBlock.class));
        assertThat(strings(block.get("required"))).containsExactly("blockId", "calendarId", "outcome", "softDeletedAt");
        List<String> nullable =
                List.of("googleEventId", "googleStatus", "reason", "googleAnsweredAt", "hardDeletedAt", "restoredAt");
        for (RecordComponent component : ReceiptBlock.class.getRecordComponents()) {
            assertType(
                    "ReceiptBlock." + component.getName(),
                    block.get("properties").get(component.getName()),
                    component,
                    nullable.contains(component.getName()));
        }
    }

    @Test
    void theStateCountsAreKeyedByTheDeletionStates() {
        JsonNode counts = schemaOf(OpsSummary.class).get("properties").get("countsByState");

        assertThat(strings(counts.get("propertyNames").get("enum")))
                .containsExactlyElementsOf(enumNames(dev.deletionpipeline.common.events.DeletionState.class));
    }

    private static void assertType(String where, JsonNode property, RecordComponent component, boolean nullable) {
        Class<?> type = component.getType();
        assertThat(property).as(where).isNotNull();
        if (List.class.equals(type)) {
            Class<?> elementType =
                    (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            assertThat(strings(property.get("type"))).as(where).containsExactly("array");
            assertThat(property.get("items").get("$ref").asString())
                    .as(where)
                    .isEqualTo("#/$defs/" + elementType.getSimpleName());
            return;
        }
        if (type.isRecord()) {
            assertThat(property.get("$ref").asString()).as(where).isEqualTo("#/$defs/" + type.getSimpleName());
            return;
        }
        if (LatencyPercentiles.class.equals(type)) {
            assertThat(property.get("$ref").asString()).as(where).isEqualTo("#/$defs/LatencyPercentiles");
            return;
        }
        List<String> expectedTypes = nullable ? List.of(jsonTypeOf(type), "null") : List.of(jsonTypeOf(type));
        assertThat(strings(property.get("type"))).as(where).containsExactlyElementsOf(expectedTypes);
        if (UUID.class.equals(type)) {
            assertThat(property.get("format").asString()).as(where).isEqualTo("uuid");
        }
        if (Instant.class.equals(type)) {
            assertThat(property.get("format").asString()).as(where).isEqualTo("date-time");
        }
        if (type.isEnum()) {
            assertThat(strings(property.get("enum"))).as(where).containsExactlyElementsOf(enumNames(type));
        }
        if (Map.class.equals(type)) {
            Class<?> valueType =
                    (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[1];
            assertThat(property.get("additionalProperties").get("type").asString())
                    .as(where)
                    .isEqualTo(jsonTypeOf(valueType));
        }
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == int.class || type == long.class || type == Long.class || type == Integer.class) {
            return "integer";
        }
        if (Map.class.equals(type)) {
            return "object";
        }
        if (type == String.class || type == UUID.class || type == Instant.class || type.isEnum()) {
            return "string";
        }
        throw new AssertionError("No JSON type known for " + type);
    }

    private static List<String> enumNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(e -> ((Enum<?>) e).name())
                .toList();
    }

    private static List<String> propertyNames(JsonNode schema) {
        return List.copyOf(schema.get("properties").propertyNames());
    }

    private static List<String> strings(JsonNode node) {
        if (node.isString()) {
            return List.of(node.asString());
        }
        return node.valueStream().map(JsonNode::asString).toList();
    }

    static JsonNode schemaOf(Class<?> eventClass) {
        try (InputStream in = EventSchemas.open(eventClass)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

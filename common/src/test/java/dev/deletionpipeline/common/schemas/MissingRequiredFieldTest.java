package dev.deletionpipeline.common.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.events.SampleEvents;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** An event without one of its required fields is refused twice: by its schema and by the deserialiser. */
class MissingRequiredFieldTest {

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#requiredFields")
    void anEventWithoutARequiredFieldIsRefusedBySchemaAndDeserialiser(Class<?> eventClass, String field) {
        ObjectNode json = sampleJson(eventClass);
        json.remove(field);

        assertRefused(eventClass, field, json.toString());
    }

    @ParameterizedTest(name = "{0} with null {1}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#requiredFields")
    void anEventWithARequiredFieldSetToNullIsRefusedBySchemaAndDeserialiser(Class<?> eventClass, String field) {
        ObjectNode json = sampleJson(eventClass);
        json.putNull(field);

        assertRefused(eventClass, field, json.toString());
    }

    private static void assertRefused(Class<?> eventClass, String field, String json) {
        assertThat(EventSchemaValidator.problems(eventClass, json))
                .anySatisfy(problem -> assertThat(problem).contains(field));
        assertThatThrownBy(() -> new JsonSerde<>(eventClass)
                        .deserializer()
                        .deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("missing required field '" + field + "'");
    }

    private static ObjectNode sampleJson(Class<?> eventClass) {
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SampleEvents.filled(eventClass));
        assertThat(EventSchemaValidator.problems(eventClass, json.toString())).isEmpty();
        return json;
    }
}

package dev.deletionpipeline.common.schemas;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against a contract event's schema, with format assertions on (uuid, date-time), which draft 2020-12
 * leaves off by default. Shipped in the test jar, so that every module can check what it produces; a module that uses
 * it needs {@code com.networknt:json-schema-validator} on its own test classpath.
 */
public final class EventSchemaValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<Class<?>, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemaValidator() {}

    /** What is wrong with the JSON as an instance of the event's schema; empty when it is valid. */
    public static List<String> problems(Class<?> eventClass, String json) {
        return schemaOf(eventClass).validate(json, InputFormat.JSON).stream()
                .map(ValidationMessage::getMessage)
                .toList();
    }

    /** What is wrong with a schema document as a draft 2020-12 schema; empty when it is valid. */
    public static List<String> metaSchemaProblems(String schemaJson) {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SpecVersion.VersionFlag.V202012.getId()), CONFIG);
        return metaSchema.validate(schemaJson, InputFormat.JSON).stream()
                .map(ValidationMessage::getMessage)
                .toList();
    }

    private static JsonSchema schemaOf(Class<?> eventClass) {
        return SCHEMAS.computeIfAbsent(eventClass, EventSchemaValidator::load);
    }

    private static JsonSchema load(Class<?> eventClass) {
        try (InputStream in = EventSchemas.open(eventClass)) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

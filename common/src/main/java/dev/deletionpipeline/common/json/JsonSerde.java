package dev.deletionpipeline.common.json;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.topics.PoisonReason;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * JSON serde for one event record type, with the contract's mapping ({@link EventJson}). A value that cannot be read
 * — not a JSON object, a field its record requires missing, a field of the wrong shape — fails with an {@link
 * UnreadableRecordException} that carries the reason, and whose message names the field, so that consumers can
 * dead-letter it with a useful reason and detail.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = requireNonNull(type, "type");
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return EventJson.mapper().writeValueAsBytes(value);
            } catch (JacksonException e) {
                throw new SerializationException("Cannot write " + type.getSimpleName() + " to " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return EventJson.mapper().readValue(bytes, type);
            } catch (JacksonException e) {
                Problem problem = problemOf(e, bytes);
                throw new UnreadableRecordException(
                        problem.reason(),
                        "Not a valid " + type.getSimpleName() + " on " + topic + ": " + problem.text(),
                        e);
            }
        };
    }

    /** Why a value could not be read, and what was wrong, naming the field where it can. */
    record Problem(PoisonReason reason, String text) {

        static Problem missing(String field) {
            return new Problem(PoisonReason.POISON_MISSING_FIELD, "missing required field '" + field + "'");
        }
    }

    /**
     * A required reference field that is missing or null fails in the record's constructor ({@code
     * requireNonNull(field, "field")}), which Jackson wraps; a missing or null primitive fails in Jackson itself, at a
     * path that ends in the field. Which of the two, and whether the value is a JSON object at all, is read from the
     * value itself.
     */
    static Problem problemOf(JacksonException e, byte[] bytes) {
        Optional<JsonNode> value = treeOf(bytes);
        if (value.isEmpty() || !value.get().isObject()) {
            return new Problem(PoisonReason.POISON_NOT_JSON, e.getOriginalMessage());
        }
        Optional<String> nullField = rejectedNullField(e);
        if (nullField.isPresent()) {
            return Problem.missing(nullField.get());
        }
        Optional<String> field = lastField(e);
        if (field.isEmpty()) {
            return new Problem(PoisonReason.POISON_INVALID_FIELD, e.getOriginalMessage());
        }
        if (isMissingOrNull(value.get(), e.getPath())) {
            return Problem.missing(field.get());
        }
        return new Problem(PoisonReason.POISON_INVALID_FIELD, "field '" + field.get() + "': " + e.getOriginalMessage());
    }

    private static Optional<JsonNode> treeOf(byte[] bytes) {
        try {
            return Optional.of(EventJson.mapper().readTree(bytes));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> lastField(JacksonException e) {
        if (!(e instanceof DatabindException) || e.getPath().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(e.getPath().get(e.getPath().size() - 1).getPropertyName());
    }

    private static boolean isMissingOrNull(JsonNode value, List<JacksonException.Reference> path) {
        JsonNode node = value;
        for (JacksonException.Reference step : path) {
            node = step.getPropertyName() != null ? node.path(step.getPropertyName()) : node.path(step.getIndex());
        }
        return node.isMissingNode() || node.isNull();
    }

    /** The field a record's constructor rejected: {@code requireNonNull} names it, and it is one of the record's. */
    private static Optional<String> rejectedNullField(JacksonException e) {
        if (!(e instanceof ValueInstantiationException instantiation)
                || !instantiation.getType().getRawClass().isRecord()) {
            return Optional.empty();
        }
        Set<String> fields = Arrays.stream(instantiation.getType().getRawClass().getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof NullPointerException && fields.contains(cause.getMessage())) {
                return Optional.of(cause.getMessage());
            }
        }
        return Optional.empty();
    }
}

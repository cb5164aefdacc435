package dev.deletionpipeline.common.json;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * JSON serde for one event record type, with the contract's mapping ({@link EventJson}). A value that cannot be read
 * — not JSON, or missing a field its record requires — fails with Kafka's {@link SerializationException}, whose
 * message names the missing field, so that consumers can dead-letter it with a useful reason.
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
                throw new SerializationException(
                        "Not a valid " + type.getSimpleName() + " on " + topic + ": " + problemOf(e), e);
            }
        };
    }

    /**
     * What was wrong, naming the field where it can: a required reference field that is missing or null fails in the
     * record's constructor ({@code requireNonNull(field, "field")}), which Jackson wraps; a missing or null primitive
     * fails in Jackson itself, at a path that ends in the field.
     */
    static String problemOf(JacksonException e) {
        Optional<String> nullField = rejectedNullField(e);
        if (nullField.isPresent()) {
            return "missing required field '" + nullField.get() + "'";
        }
        Optional<String> field = lastField(e);
        if (field.isEmpty()) {
            return e.getOriginalMessage();
        }
        if (isNullForPrimitive(e)) {
            return "missing required field '" + field.get() + "'";
        }
        return "field '" + field.get() + "': " + e.getOriginalMessage();
    }

    /** Jackson reports a missing primitive as a null one, with no exception type of its own; its tests guard this. */
    private static boolean isNullForPrimitive(JacksonException e) {
        return e instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null
                && mismatch.getTargetType().isPrimitive()
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`");
    }

    private static Optional<String> lastField(JacksonException e) {
        if (!(e instanceof DatabindException) || e.getPath().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(e.getPath().get(e.getPath().size() - 1).getPropertyName());
    }

    private static Optional<String> rejectedNullField(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof NullPointerException && cause.getMessage() != null && thrownByRequireNonNull(cause)) {
                return Optional.of(cause.getMessage());
            }
        }
        return Optional.empty();
    }

    private static boolean thrownByRequireNonNull(Throwable npe) {
        StackTraceElement[] trace = npe.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals("java.util.Objects");
    }
}

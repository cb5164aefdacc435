package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.json.JsonSerde;
import java.nio.BufferUnderflowException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value format of what only the reconciler reads (stores, changelogs, repartition topics; see
 * {@link InternalFormat}): written by hand, because JSON cost about a quarter of the stream thread's CPU (README,
 * Throughput). Every value read starts with its format: {@link #BINARY_V1}, or {@code '{'} for the JSON of earlier
 * versions, still read so that stores, changelogs and repartition topics written before keep working. A new field of
 * a value (or of a record inside it) needs a new format byte, with the older ones still read.
 */
final class BinarySerde<T> implements Serde<T> {

    static final byte BINARY_V1 = 1;

    private static final byte JSON_START = '{';

    private final String name;
    private final JsonSerde<T> json;
    private final Deserializer<T> jsonReader;
    private final BiConsumer<BinaryOutput, T> writer;
    private final Function<BinaryInput, T> reader;
    private final InternalFormat writes;

    /** @param writes the format of the values written; both are read */
    BinarySerde(
            Class<T> type, BiConsumer<BinaryOutput, T> writer, Function<BinaryInput, T> reader, InternalFormat writes) {
        this.name = type.getSimpleName();
        this.json = new JsonSerde<>(type);
        this.jsonReader = json.deserializer();
        this.writer = writer;
        this.reader = reader;
        this.writes = writes;
    }

    @Override
    public Serializer<T> serializer() {
        if (writes == InternalFormat.JSON) {
            return json.serializer();
        }
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            BinaryOutput out = new BinaryOutput();
            out.oneByte(BINARY_V1);
            writer.accept(out, value);
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return jsonReader.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != BINARY_V1) {
                throw new SerializationException("Unknown format of a " + name + " in " + topic);
            }
            try {
                BinaryInput in = new BinaryInput(bytes, 1);
                T value = reader.apply(in);
                in.end();
                return value;
            } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
                throw new SerializationException("Unreadable " + name + " in " + topic, e);
            }
        };
    }
}

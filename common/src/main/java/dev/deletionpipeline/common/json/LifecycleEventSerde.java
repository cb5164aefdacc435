package dev.deletionpipeline.common.json;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.topics.PoisonReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@code blocks.lifecycle.v1}, which carries four event types: the {@code ce_type} header says which one a
 * record holds. A record without a known type cannot be read and fails with an {@link UnreadableRecordException}, which
 * the consumers route to their dead-letter topic.
 */
public final class LifecycleEventSerde implements Serde<LifecycleEvent> {

    private static final JsonSerde<BlockSoftDeleted> SOFT_DELETED = new JsonSerde<>(BlockSoftDeleted.class);
    private static final JsonSerde<BlockRestored> RESTORED = new JsonSerde<>(BlockRestored.class);
    private static final JsonSerde<BlockHeld> HELD = new JsonSerde<>(BlockHeld.class);
    private static final JsonSerde<BlockHoldReleased> HOLD_RELEASED = new JsonSerde<>(BlockHoldReleased.class);

    @Override
    public Serializer<LifecycleEvent> serializer() {
        return (topic, event) -> event == null ? null : EventJson.mapper().writeValueAsBytes(event);
    }

    @Override
    public Deserializer<LifecycleEvent> deserializer() {
        return new Deserializer<>() {
            @Override
            public LifecycleEvent deserialize(String topic, byte[] data) {
                throw new UnreadableRecordException(
                        PoisonReason.POISON_MISSING_TYPE,
                        "A lifecycle event needs its " + CloudEventHeaders.TYPE + " header",
                        null);
            }

            @Override
            public LifecycleEvent deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    return null;
                }
                Header type = headers == null ? null : headers.lastHeader(CloudEventHeaders.TYPE);
                if (type == null || type.value() == null) {
                    throw new UnreadableRecordException(
                            PoisonReason.POISON_MISSING_TYPE,
                            "A lifecycle event on " + topic + " has no " + CloudEventHeaders.TYPE + " header",
                            null);
                }
                String typeName = new String(type.value(), StandardCharsets.UTF_8);
                if (EventTypes.typeOf(BlockSoftDeleted.class).equals(typeName)) {
                    return SOFT_DELETED.deserializer().deserialize(topic, data);
                }
                if (EventTypes.typeOf(BlockRestored.class).equals(typeName)) {
                    return RESTORED.deserializer().deserialize(topic, data);
                }
                if (EventTypes.typeOf(BlockHeld.class).equals(typeName)) {
                    return HELD.deserializer().deserialize(topic, data);
                }
                if (EventTypes.typeOf(BlockHoldReleased.class).equals(typeName)) {
                    return HOLD_RELEASED.deserializer().deserialize(topic, data);
                }
                throw new UnreadableRecordException(
                        PoisonReason.POISON_UNKNOWN_TYPE,
                        "Unknown lifecycle event type on " + topic + ": " + typeName,
                        null);
            }
        };
    }
}

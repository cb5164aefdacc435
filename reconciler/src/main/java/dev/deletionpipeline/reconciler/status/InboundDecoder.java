package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.json.JsonSerde;
import dev.deletionpipeline.common.json.UnreadableRecordException;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.common.topics.PoisonReason;
import dev.deletionpipeline.common.topics.Topics;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a raw record of a tracked topic into an {@link Inbound}, or says why it cannot with an {@link
 * UnreadableRecordException}: values are read here rather than by the source's serde so that an unreadable record
 * keeps its bytes and the stream goes on.
 */
final class InboundDecoder {

    private static final Deserializer<LifecycleEvent> LIFECYCLE =
            Topics.BLOCKS_LIFECYCLE.valueSerde().deserializer();
    private static final Deserializer<HardDeleteConfirmed> CONFIRMED =
            Topics.HARD_DELETE_CONFIRMED.valueSerde().deserializer();
    private static final Deserializer<BlockSoftDeleted> SOFT_DELETED =
            new JsonSerde<>(BlockSoftDeleted.class).deserializer();

    Inbound decode(String key, InboundRecord record, Headers headers, String topic) {
        byte[] value = record.value();
        Inbound inbound = switch (record.source()) {
            case LIFECYCLE -> lifecycle(topic, value, headers);
            case HARD_DELETE_CONFIRMED ->
                new Inbound.Confirmed(read(() -> CONFIRMED.deserialize(topic, headers, value)));
            case DELETION_DEAD_LETTERS -> deadLetter(topic, value, headers);
        };
        requireKeyIsBlockId(key, inbound.blockId());
        return inbound;
    }

    /** The reason the worker gave for a dead letter. */
    static String deadLetterReason(Headers headers) {
        return HeaderValues.text(headers, DeadLetterHeaders.REASON).orElse(DeadLetterReason.UNKNOWN.name());
    }

    private static Inbound lifecycle(String topic, byte[] value, Headers headers) {
        String type = HeaderValues.text(headers, CloudEventHeaders.TYPE).orElse(null);
        Optional<Class<?>> eventClass = type == null ? Optional.empty() : EventTypes.classOf(type);
        if (eventClass.isEmpty() || !LifecycleEvent.class.isAssignableFrom(eventClass.get())) {
            throw new UnreadableRecordException(
                    PoisonReason.POISON_UNKNOWN_TYPE, "Not a lifecycle event type: " + type, null);
        }
        LifecycleEvent event = read(() -> LIFECYCLE.deserialize(topic, headers, value));
        if (event instanceof BlockSoftDeleted softDeleted) {
            return new Inbound.SoftDeleted(softDeleted);
        }
        if (event instanceof BlockHeld held) {
            return new Inbound.Held(held);
        }
        if (event instanceof BlockHoldReleased released) {
            return new Inbound.HoldReleased(released);
        }
        return new Inbound.Restored((BlockRestored) event);
    }

    private static Inbound deadLetter(String topic, byte[] value, Headers headers) {
        BlockSoftDeleted request = read(() -> SOFT_DELETED.deserialize(topic, headers, value));
        String failure = HeaderValues.text(headers, DeadLetterHeaders.LAST_FAILURE_AT)
                .or(() -> HeaderValues.text(headers, DeadLetterHeaders.ATTEMPTS))
                .orElse("");
        return new Inbound.DeadLettered(
                request,
                deadLetterReason(headers),
                HeaderValues.text(headers, DeadLetterHeaders.DETAIL).orElse(null),
                "dead-letter|" + request.eventId() + "|" + failure);
    }

    private static <T> T read(Supplier<T> deserialization) {
        T value;
        try {
            value = deserialization.get();
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(PoisonReason.POISON_NOT_READABLE, e.getMessage(), e);
        }
        if (value == null) {
            throw new UnreadableRecordException(PoisonReason.POISON_NOT_READABLE, "Empty value", null);
        }
        return value;
    }

    /** A record keyed by another block would put its state in the wrong partition's store. */
    private static void requireKeyIsBlockId(String key, UUID blockId) {
        if (key == null) {
            return;
        }
        try {
            if (UUID.fromString(key).equals(blockId)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // falls through: a key that is not a UUID cannot be this block's id
        }
        throw new UnreadableRecordException(
                PoisonReason.POISON_KEY_MISMATCH, "Key " + key + " is not the block id " + blockId, null);
    }
}

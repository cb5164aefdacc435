package dev.deletionpipeline.worker.intake;

import dev.deletionpipeline.common.events.LifecycleEvent;
import dev.deletionpipeline.common.json.LifecycleEventSerde;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The contract's {@link LifecycleEventSerde} deserializer (dispatch on {@code ce_type}), keeping the raw bytes. Wrapped
 * in Spring Kafka's {@code ErrorHandlingDeserializer}, so a record it cannot read becomes a poison record for the
 * error handler instead of stopping the partition.
 */
final class RawKeepingLifecycleDeserializer implements Deserializer<ReceivedLifecycleEvent> {

    private final Deserializer<LifecycleEvent> contract = new LifecycleEventSerde().deserializer();

    @Override
    public ReceivedLifecycleEvent deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public ReceivedLifecycleEvent deserialize(String topic, Headers headers, byte[] data) {
        LifecycleEvent event = contract.deserialize(topic, headers, data);
        return event == null ? null : new ReceivedLifecycleEvent(event, data);
    }
}

package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topic;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Input records as the outbox relay and the worker write them: JSON keyed by block id, with CloudEvents headers. */
public final class InputRecords {

    private InputRecords() {}

    public static ProducerRecord<String, byte[]> record(String prefix, Topic<?, ?> topic, UUID block, Object event) {
        var record = new ProducerRecord<>(
                prefix + topic.name(), block.toString(), EventJson.mapper().writeValueAsBytes(event));
        ContractCloudEvents.writeTo(record.headers(), ContractCloudEvents.of(event, "/test", Instant.now()));
        return record;
    }

    static HardDeleteConfirmed confirmation(BlockSoftDeleted request, Instant now) {
        return new HardDeleteConfirmed(
                UUID.randomUUID(),
                request.eventId(),
                request.deletionId(),
                request.blockId(),
                request.ownerId(),
                request.calendarId(),
                request.googleEventId(),
                HardDeleteOutcome.DELETED,
                1,
                0,
                request.deletedAt(),
                now.minusMillis(20),
                now.minusMillis(10),
                now);
    }
}

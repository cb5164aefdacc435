package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One outbox row as the EventRouter handed it over: already routed to its topic, keyed by {@code aggregateid}, the
 * payload the row's JSON text, and id, type and {@code created_at} in headers.
 *
 * @param topic the routed topic (the row's {@code aggregatetype}, with the configured prefix)
 * @param key the row's {@code aggregateid}, the block id
 * @param payload the event's JSON, exactly as the row holds it
 * @param createdAt when the row was written, in the soft delete's transaction
 */
record OutboxEvent(UUID id, String type, String topic, String key, String payload, Instant createdAt) {

    /** The event a record carries, or empty for a record that is no routed outbox row (a Debezium heartbeat). */
    static Optional<OutboxEvent> from(SourceRecord record) {
        Header id = record.headers().lastWithName(CloudEventHeaders.ID);
        if (id == null || record.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new OutboxEvent(
                UUID.fromString(text(id)),
                text(record.headers().lastWithName(CloudEventHeaders.TYPE)),
                record.topic(),
                (String) record.key(),
                (String) record.value(),
                OffsetDateTime.parse(text(record.headers().lastWithName(CloudEventHeaders.TIME)))
                        .toInstant()));
    }

    /** The Kafka record: the JSON as value bytes, CloudEvents binary-mode headers, the row's time as timestamp. */
    ProducerRecord<String, byte[]> toProducerRecord(String source) {
        RecordHeaders headers = new RecordHeaders();
        ContractCloudEvents.writeTo(headers, ContractCloudEvents.of(id, type, source, createdAt));
        return new ProducerRecord<>(
                topic, null, createdAt.toEpochMilli(), key, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String text(Header header) {
        if (header == null || header.value() == null) {
            throw new IllegalStateException("An outbox record lacks one of its routed headers: check the EventRouter");
        }
        return header.value().toString();
    }
}

package dev.deletionpipeline.common.cloudevents;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.IdentifiedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents 1.0 attributes of our contract events, written and read by the CloudEvents SDK's Kafka binding in
 * binary mode: {@code ce_*} record headers next to the JSON value, which stays ours (written by the topic's serde).
 * Every producer of a contract topic stamps its records through {@link #writeTo}, so that consumers can de-duplicate
 * by {@code ce_id} and dispatch by {@code ce_type}.
 */
public final class ContractCloudEvents {

    private static final CloudEventSerializer BINARY = new CloudEventSerializer();

    private ContractCloudEvents() {}

    /**
     * The CloudEvent of a contract event produced at {@code time}. The id is the event's own {@code eventId} where it
     * has one; the snapshots ({@code DeletionStatus}, {@code OpsSummary}) get a fresh random id, as CloudEvents asks
     * only that source and id be unique.
     *
     * @param source the producing service, e.g. {@code /deletion-worker}
     * @throws IllegalArgumentException when the event is not a record of the contract
     */
    public static CloudEvent of(Object event, String source, Instant time) {
        requireNonNull(event, "event");
        UUID id = event instanceof IdentifiedEvent identified ? identified.eventId() : UUID.randomUUID();
        return of(id, EventTypes.typeOf(event.getClass()), source, time);
    }

    /** The CloudEvent of an event known by its id and {@link EventTypes} type only, e.g. a relayed outbox row. */
    public static CloudEvent of(UUID id, String type, String source, Instant time) {
        return CloudEventBuilder.v1()
                .withId(id.toString())
                .withType(type)
                .withSource(URI.create(source))
                .withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .withDataContentType(CloudEventHeaders.JSON)
                .build();
    }

    /** Adds the event's attributes (and the JSON content type) as headers; the record's value is left alone. */
    public static void writeTo(Headers headers, CloudEvent event) {
        BINARY.serialize(null, headers, event);
        if (event.getTime() != null) {
            // The SDK prints the time with ISO_OFFSET_DATE_TIME, which trims the fraction to ".12Z" where we have
            // always sent Instant's ".120Z"; both parse the same, but the header bytes stay as they were.
            headers.remove(CloudEventHeaders.TIME);
            headers.add(
                    CloudEventHeaders.TIME,
                    event.getTime().toInstant().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The CloudEvent a record's headers carry (without its data), or empty when there is no {@code ce_specversion}
     * header (the record was not written in binary mode).
     *
     * @throws io.cloudevents.rw.CloudEventRWException when the headers are not a valid CloudEvent
     */
    public static Optional<CloudEvent> readFrom(Headers headers) {
        if (headers == null || headers.lastHeader(CloudEventHeaders.SPEC_VERSION) == null) {
            return Optional.empty();
        }
        return Optional.of(KafkaMessageFactory.createReader(headers, null).toEvent());
    }
}

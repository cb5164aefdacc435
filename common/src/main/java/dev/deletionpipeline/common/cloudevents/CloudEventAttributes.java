package dev.deletionpipeline.common.cloudevents;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.IdentifiedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents 1.0 attributes of one event record, as the Kafka protocol binding carries them in binary mode: as
 * {@code ce_*} record headers next to the JSON value. Every producer of a contract topic writes them through
 * {@link #writeTo(Headers)}, so that consumers can de-duplicate by {@code ce_id} and dispatch by {@code ce_type}.
 *
 * @param id the event's own id; consumers de-duplicate by it
 * @param type the {@link EventTypes} type of the event
 * @param source the producing service, e.g. {@code /deletion-worker}
 * @param time nullable: when the event was produced (optional in CloudEvents, so a record read from elsewhere may lack
 *     it)
 */
public record CloudEventAttributes(UUID id, String type, String source, Instant time) {

    public CloudEventAttributes {
        requireNonNull(id, "id");
        requireNonNull(type, "type");
        requireNonNull(source, "source");
        if (type.isBlank() || source.isBlank()) {
            throw new IllegalArgumentException("A CloudEvent needs a non-blank type and source");
        }
    }

    /**
     * The attributes of a contract event produced now. The id is the event's own {@code eventId} where it has one;
     * the snapshots ({@code DeletionStatus}, {@code OpsSummary}) get a fresh random id, as CloudEvents asks only that
     * source and id be unique.
     *
     * @throws IllegalArgumentException when the event is not a record of the contract
     */
    public static CloudEventAttributes of(Object event, String source, Clock clock) {
        requireNonNull(event, "event");
        String type = EventTypes.typeOf(event.getClass());
        UUID id = event instanceof IdentifiedEvent identified ? identified.eventId() : UUID.randomUUID();
        return new CloudEventAttributes(id, type, source, clock.instant());
    }

    /** Writes these attributes (and the JSON content type) as headers, replacing any earlier value of each. */
    public void writeTo(Headers headers) {
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        put(headers, CloudEventHeaders.ID, id.toString());
        put(headers, CloudEventHeaders.TYPE, type);
        put(headers, CloudEventHeaders.SOURCE, source);
        if (time != null) {
            put(headers, CloudEventHeaders.TIME, time.toString());
        }
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    /**
     * The attributes a record carries, or empty when it carries no {@code ce_specversion} header (it was not written
     * in binary mode).
     *
     * @throws SerializationException when the spec version is not 1.0, or a required attribute is missing or malformed
     */
    public static Optional<CloudEventAttributes> readFrom(Headers headers) {
        Optional<String> specVersion = read(headers, CloudEventHeaders.SPEC_VERSION);
        if (specVersion.isEmpty()) {
            return Optional.empty();
        }
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion.get())) {
            throw new SerializationException("Unsupported CloudEvents spec version: " + specVersion.get());
        }
        try {
            return Optional.of(new CloudEventAttributes(
                    UUID.fromString(required(headers, CloudEventHeaders.ID)),
                    required(headers, CloudEventHeaders.TYPE),
                    required(headers, CloudEventHeaders.SOURCE),
                    read(headers, CloudEventHeaders.TIME)
                            .map(t -> OffsetDateTime.parse(t).toInstant())
                            .orElse(null)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new SerializationException("Malformed CloudEvents headers: " + e.getMessage(), e);
        }
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> read(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String key) {
        return read(headers, key)
                .orElseThrow(() -> new SerializationException("CloudEvents header " + key + " is missing"));
    }
}

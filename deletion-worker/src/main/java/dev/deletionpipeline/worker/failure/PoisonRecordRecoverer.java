package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.json.UnreadableRecordException;
import dev.deletionpipeline.common.topics.PoisonReason;
import dev.deletionpipeline.worker.WorkerTopics;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends a record that cannot be read straight to {@code blocks.deletion-dead-letters.v1} with Spring Kafka's
 * {@link DeadLetterPublishingRecoverer} (original key, raw value and headers, plus the reason headers), and lists it in
 * {@code dead_letters} for admins (not redrivable). Its id is derived from the record's position, so a redelivered
 * poison record is listed once.
 */
@Component
class PoisonRecordRecoverer implements ConsumerAwareRecordRecoverer {

    private static final LogAccessor LOG = new LogAccessor(PoisonRecordRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final DeadLetterStore store;
    private final Clock clock;
    // the dead letter being published on this thread, so that its Kafka headers and its row say the same
    private final ThreadLocal<DeadLetter> publishing = new ThreadLocal<>();

    PoisonRecordRecoverer(
            KafkaOperations<String, byte[]> template, WorkerTopics topics, DeadLetterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.publisher = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(topics.deadLetters(), -1));
        // dlt_reason and dlt_detail say why; the stack trace (kilobytes per record) and the message (dlt_detail again)
        // would only make every dead letter heavier
        publisher.excludeHeader(
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG);
        publisher.setHeadersFunction((record, failure) -> {
            Headers headers = new RecordHeaders();
            DeadLetterPublisher.addReasonHeaders(headers, publishing.get());
            return headers;
        });
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        DeadLetter deadLetter = deadLetterOf(record, failure, clock.instant());
        store.insert(List.of(deadLetter));
        publishing.set(deadLetter);
        try {
            publisher.accept(record, consumer, failure);
        } finally {
            publishing.remove();
        }
        store.markPublished(deadLetter.id(), clock.instant());
    }

    static DeadLetter deadLetterOf(ConsumerRecord<?, ?> record, Exception failure, Instant now) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        Throwable cause = unreadable != null ? unreadable : failure;
        byte[] value = unreadable != null ? unreadable.getData() : null;
        String key = record.key() == null ? null : record.key().toString();
        Optional<UnreadableRecordException> problem = UnreadableRecordException.in(cause);
        return new DeadLetter(
                idOf(record),
                blockIdOf(key),
                null,
                null,
                null,
                problem.map(UnreadableRecordException::reason)
                        .orElse(PoisonReason.POISON_INVALID_FIELD)
                        .name(),
                problem.map(Throwable::getMessage).orElse(cause.getMessage()),
                null,
                1,
                now,
                now,
                false,
                new KeptRecord(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        key,
                        value,
                        KeptRecord.headersOf(
                                record.headers(), SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)),
                now);
    }

    private static UUID idOf(ConsumerRecord<?, ?> record) {
        String position = "poison:" + record.topic() + "/" + record.partition() + "/" + record.offset();
        return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID blockIdOf(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException notABlockId) {
            return null;
        }
    }
}

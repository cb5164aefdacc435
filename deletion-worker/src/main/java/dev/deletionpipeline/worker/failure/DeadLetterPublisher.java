package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.json.UnreadableRecordException;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.PoisonReason;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.WorkerTopics;
import dev.deletionpipeline.worker.failure.DeadLetterStore.DeadLetter;
import dev.deletionpipeline.worker.tasks.KeptRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Publishes dead letters to {@code blocks.deletion-dead-letters.v1} after their database transaction committed: the
 * original key, value and headers, plus the {@code dlt_*} headers of {@link DeadLetterHeaders} and the dead letter's
 * id; each one is marked published once Kafka acknowledged it. A relay publishes those whose first publication failed
 * (Kafka down, or the worker died between the commit and the send); Kafka may then hold a dead letter twice, both with
 * the same {@code dlt_id}. The relay runs on one instance at a time (ShedLock), so two workers do not publish the same
 * backlog twice. The dead letters are a second outbox beside Debezium's because a dead letter must carry the original
 * record's bytes and headers, which the outbox's JSON payload cannot.
 *
 * <p>A record that cannot be read goes straight to the topic with Spring Kafka's {@link DeadLetterPublishingRecoverer}
 * (original key, raw value and headers, plus the reason headers) as the intake's error handler's recoverer, and is
 * listed in {@code dead_letters} for admins (not redrivable). Its id is derived from the record's position, so a
 * redelivered poison record is listed once.
 */
@Component
class DeadLetterPublisher implements ConsumerAwareRecordRecoverer {

    /** {@code deletion.worker.dead-letters.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.dead-letters")
    record DeadLetterSettings(
            @PositiveDuration Duration publishTimeout,
            @PositiveDuration Duration republishInterval,
            @PositiveDuration Duration republishAfter) {}

    /** The dead letter's id: what {@code POST /v1/admin/dead-letters/{id}/redrive} takes. */
    private static final String DEAD_LETTER_ID = "dlt_id";

    /** Headers stay small: a dead letter says why in a sentence, not in a stack trace or a whole error body. */
    private static final int MAX_DETAIL_LENGTH = 1000;

    private static final LogAccessor LOG = new LogAccessor(DeadLetterPublisher.class);
    private static final int RELAY_BATCH = 500;

    private final KafkaTemplate<String, byte[]> template;
    private final DeadLetterStore store;
    private final WorkerTopics topics;
    private final DeadLetterSettings settings;
    private final Clock clock;
    private final DeadLetterPublishingRecoverer poisonPublisher;
    // the poison record's dead letter being published on this thread, so that its headers and its row say the same
    private final ThreadLocal<DeadLetter> publishing = new ThreadLocal<>();

    DeadLetterPublisher(
            KafkaTemplate<String, byte[]> template,
            DeadLetterStore store,
            WorkerTopics topics,
            DeadLetterSettings settings,
            Clock clock) {
        this.template = template;
        this.store = store;
        this.topics = topics;
        this.settings = settings;
        this.clock = clock;
        this.poisonPublisher = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(topics.deadLetters(), -1));
        // dlt_reason and dlt_detail say why; the stack trace (kilobytes per record) and the message (dlt_detail again)
        // would only make every dead letter heavier
        poisonPublisher.excludeHeader(
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG);
        poisonPublisher.setHeadersFunction((record, failure) -> {
            Headers headers = new RecordHeaders();
            addReasonHeaders(headers, publishing.get());
            return headers;
        });
    }

    void publish(List<DeadLetter> deadLetters) {
        List<CompletableFuture<SendResult<String, byte[]>>> sends =
                deadLetters.stream().map(d -> template.send(recordOf(d))).toList();
        for (int i = 0; i < sends.size(); i++) {
            DeadLetter deadLetter = deadLetters.get(i);
            try {
                sends.get(i).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                store.markPublished(deadLetter.id(), clock.instant());
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn(
                        e,
                        () -> "Dead letter " + deadLetter.id() + " not yet on Kafka; the relay will publish it again");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Scheduled(fixedDelayString = "${deletion.worker.dead-letters.republish-interval}")
    @SchedulerLock(name = "deletion-worker.dead-letter-republish")
    public void republishUnacknowledged() {
        publish(store.unpublishedBefore(clock.instant().minus(settings.republishAfter()), RELAY_BATCH));
    }

    /** Publishes a poison record the intake's error handler hands over. */
    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        DeadLetter deadLetter = poisonOf(record, failure, clock.instant());
        store.insert(List.of(deadLetter));
        publishing.set(deadLetter);
        try {
            poisonPublisher.accept(record, consumer, failure);
        } finally {
            publishing.remove();
        }
        store.markPublished(deadLetter.id(), clock.instant());
    }

    private static DeadLetter poisonOf(ConsumerRecord<?, ?> record, Exception failure, Instant now) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        Throwable cause = unreadable != null ? unreadable : failure;
        KeptRecord kept = KeptRecord.of(
                record,
                unreadable != null ? unreadable.getData() : null,
                SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX);
        Optional<UnreadableRecordException> problem = UnreadableRecordException.in(cause);
        String position = "poison:" + record.topic() + "/" + record.partition() + "/" + record.offset();
        return new DeadLetter(
                UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)),
                blockIdOf(kept.key()),
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
                kept,
                now);
    }

    private static UUID blockIdOf(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException notABlockId) {
            return null;
        }
    }

    private ProducerRecord<String, byte[]> recordOf(DeadLetter deadLetter) {
        KeptRecord record = deadLetter.record();
        Headers headers = new RecordHeaders();
        record.headers().stream()
                .filter(header -> !header.name().startsWith("dlt_"))
                .forEach(header -> headers.add(header.name(), header.value()));
        addReasonHeaders(headers, deadLetter);
        return new ProducerRecord<>(topics.deadLetters(), null, record.key(), record.value(), headers);
    }

    private static void addReasonHeaders(Headers headers, DeadLetter deadLetter) {
        KeptRecord record = deadLetter.record();
        String detail = deadLetter.detail();
        Integer status = deadLetter.lastHttpStatus();
        put(headers, DEAD_LETTER_ID, deadLetter.id().toString());
        put(headers, DeadLetterHeaders.REASON, deadLetter.reason());
        if (detail != null) {
            put(headers, DeadLetterHeaders.DETAIL, detail.substring(0, Math.min(detail.length(), MAX_DETAIL_LENGTH)));
        }
        if (status != null && status > 0) {
            put(headers, DeadLetterHeaders.LAST_HTTP_STATUS, status.toString());
        }
        put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(deadLetter.attempts()));
        put(
                headers,
                DeadLetterHeaders.FIRST_FAILURE_AT,
                deadLetter.firstFailureAt().toString());
        put(
                headers,
                DeadLetterHeaders.LAST_FAILURE_AT,
                deadLetter.lastFailureAt().toString());
        put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

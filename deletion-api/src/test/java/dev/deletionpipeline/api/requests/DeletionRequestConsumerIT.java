package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DeletionRequested commands on Kafka: same effect as REST, once per event id; invalid ones and those of a source that
 * may not send them dead-lettered.
 */
class DeletionRequestConsumerIT extends ApiTestSupport {

    private static final String COMMANDS = TOPIC_PREFIX + Topics.DELETION_REQUESTS.name();
    private static final String DEAD_LETTERS = TOPIC_PREFIX + Topics.DELETION_REQUESTS_DEAD_LETTERS.name();
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startProducer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void validBlockCommandSoftDeletesTheBlockOnceEvenWhenDeliveredTwice() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        DeletionRequested command = command(DeletionScope.BLOCK, owner.id(), block, null);

        send(owner.id().toString(), json(command));
        send(owner.id().toString(), json(command));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(block)));
        assertThat(fixtures().deletionId(block)).isEqualTo(command.eventId());
        assertThat(jdbc.sql("SELECT requested_by FROM deletions WHERE id = :id")
                        .param("id", command.eventId())
                        .query(String.class)
                        .single())
                .isEqualTo("service:calendar-sync");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> fixtures().outboxRows(block, EventTypes.typeOf(BlockSoftDeleted.class)) == 1);
    }

    @Test
    void calendarCommandSoftDeletesEveryBlockOfTheCalendar() {
        TestOwner owner = fixtures().owner();
        UUID first = fixtures().block(owner.id(), "team");
        UUID second = fixtures().block(owner.id(), "team");
        UUID elsewhere = fixtures().block(owner.id(), "private");

        send(owner.id().toString(), json(command(DeletionScope.CALENDAR, owner.id(), null, "team")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(second)));
        assertThat(fixtures().deletionState(first)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().deletionState(elsewhere)).isNull();
    }

    @Test
    void invalidCommandsGoToTheDeadLetterTopicWithTheirReasonAndTheNextCommandIsStillCarriedOut() {
        TestOwner owner = fixtures().owner();
        TestOwner stranger = fixtures().owner();
        UUID strangersBlock = fixtures().block(stranger.id(), "work");
        UUID block = fixtures().block(owner.id(), "work");
        String key = owner.id().toString();
        String missingRequestedBy = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"scope\":\"OWNER\",\"ownerId\":\""
                + owner.id() + "\",\"requestedAt\":\"2026-01-01T00:00:00Z\"}";

        send(key, "this is not json {".getBytes(StandardCharsets.UTF_8));
        send(key, missingRequestedBy.getBytes(StandardCharsets.UTF_8));
        send(key, json(command(DeletionScope.BLOCK, owner.id(), null, null)));
        send(key, json(command(DeletionScope.BLOCK, owner.id(), strangersBlock, null)));
        UUID unknownOwner = UUID.randomUUID();
        send(
                unknownOwner.toString(),
                json(command(DeletionScope.OWNER, unknownOwner, null, null)),
                ACCOUNT_SERVICE_SOURCE);
        send(key, json(command(DeletionScope.BLOCK, owner.id(), block, null)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(block)));
        List<ConsumerRecord<String, byte[]>> dead = awaitDeadLetters(key, 4);
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("POISON_NOT_JSON", "INVALID_COMMAND", "INVALID_COMMAND", "INVALID_COMMAND");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json {");
        assertThat(header(dead.get(1), DeadLetterHeaders.DETAIL)).contains("requestedBy");
        assertThat(header(dead.get(2), DeadLetterHeaders.DETAIL)).contains("blockId");
        assertThat(header(dead.get(3), DeadLetterHeaders.DETAIL)).contains(strangersBlock.toString());
        assertThat(header(awaitDeadLetters(unknownOwner.toString(), 1).get(0), DeadLetterHeaders.DETAIL))
                .contains("Unknown owner");
        assertThat(fixtures().deletionState(strangersBlock)).isNull();
    }

    @Test
    void aCommandFromAnUnknownOrMissingSourceIsDeadLetteredAsUnauthorizedAndChangesNothing() {
        TestOwner owner = fixtures().owner();
        UUID target = fixtures().block(owner.id(), "work");
        UUID later = fixtures().block(owner.id(), "work");
        Map<String, Object> before = fixtures().row(target);
        String key = owner.id().toString();
        DeletionRequested fromStranger = command(DeletionScope.BLOCK, owner.id(), target, null);
        DeletionRequested withoutSource = command(DeletionScope.BLOCK, owner.id(), target, null);

        send(key, json(fromStranger), "/test/unknown-service");
        send(key, json(withoutSource), null);
        send(key, json(command(DeletionScope.BLOCK, owner.id(), later, null)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(later)));
        List<ConsumerRecord<String, byte[]>> dead = awaitDeadLetters(key, 2);
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("UNAUTHORIZED_SOURCE", "UNAUTHORIZED_SOURCE");
        assertThat(header(dead.get(0), DeadLetterHeaders.DETAIL)).contains("'/test/unknown-service'");
        assertThat(header(dead.get(1), DeadLetterHeaders.DETAIL)).contains("no ce_source");
        assertThat(fixtures().row(target)).isEqualTo(before);
        assertThat(deletionsWithId(fromStranger.eventId()) + deletionsWithId(withoutSource.eventId()))
                .isZero();
        assertThat(fixtures().outboxRows(target, EventTypes.typeOf(BlockSoftDeleted.class)))
                .isZero();
    }

    @Test
    void anOwnerCommandFromASourceNotGrantedOwnerIsDeadLetteredAndChangesNothing() {
        TestOwner owner = fixtures().owner();
        UUID kept = fixtures().block(owner.id(), "private");
        UUID later = fixtures().block(owner.id(), "work");
        Map<String, Object> before = fixtures().row(kept);
        String key = owner.id().toString();
        DeletionRequested purge = command(DeletionScope.OWNER, owner.id(), null, null);

        send(key, json(purge), CALENDAR_SYNC_SOURCE);
        send(key, json(command(DeletionScope.BLOCK, owner.id(), later, null)), CALENDAR_SYNC_SOURCE);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(later)));
        ConsumerRecord<String, byte[]> dead = awaitDeadLetters(key, 1).get(0);
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("UNAUTHORIZED_SOURCE");
        assertThat(header(dead, DeadLetterHeaders.DETAIL))
                .isEqualTo("ce_source '" + CALENDAR_SYNC_SOURCE + "' may not request scope OWNER.");
        assertThat(fixtures().row(kept)).isEqualTo(before);
        assertThat(deletionsWithId(purge.eventId())).isZero();
    }

    @Test
    void anOwnerCommandFromASourceGrantedOwnerSoftDeletesEveryBlockOfTheOwner() {
        TestOwner owner = fixtures().owner();
        UUID first = fixtures().block(owner.id(), "work");
        UUID second = fixtures().block(owner.id(), "private");

        send(owner.id().toString(), json(command(DeletionScope.OWNER, owner.id(), null, null)), ACCOUNT_SERVICE_SOURCE);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(second)));
        assertThat(fixtures().deletionState(first)).isEqualTo("SOFT_DELETED");
    }

    private int deletionsWithId(UUID id) {
        return fixtures().count("SELECT count(*) FROM deletions WHERE id = :id", Map.of("id", id));
    }

    private static DeletionRequested command(DeletionScope scope, UUID owner, UUID block, String calendar) {
        return new DeletionRequested(
                UUID.randomUUID(),
                scope,
                owner,
                block,
                calendar,
                "calendar-sync",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static byte[] json(DeletionRequested command) {
        return Topics.DELETION_REQUESTS.valueSerde().serializer().serialize(COMMANDS, command);
    }

    private static void send(String key, byte[] value) {
        send(key, value, CALENDAR_SYNC_SOURCE);
    }

    /** Sends as the given requesting service, or with no {@code ce_source} header when it is null. */
    private static void send(String key, byte[] value, String source) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(COMMANDS, key, value);
        if (source != null) {
            record.headers().add(CloudEventHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String key, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
        }
        found.sort(Comparator.comparingLong(ConsumerRecord::offset));
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

package dev.deletionpipeline.worker.intake;

import static dev.deletionpipeline.worker.DeadLetterTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.worker.DeadLetterTopic;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records that cannot be read go straight to the dead-letter topic with their reason, and their partition moves on. */
class PoisonRecordsIT {

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(PoisonRecordsIT.class).withWorker();

    private static final Pipeline pipeline = stack.pipeline();
    private static final DeadLetterTopic deadLetters = stack.deadLetters();

    @Test
    void unreadableRecordsAreDeadLetteredWithTheirReasonAndTheNextRecordIsProcessed() {
        String softDeleted = EventTypes.typeOf(BlockSoftDeleted.class);
        Map<String, String> expectedReasons = new LinkedHashMap<>();
        expectedReasons.put(poison(softDeleted, "this is not json {"), "POISON_NOT_JSON");
        expectedReasons.put(poison("com.example.SomethingElse.v1", "{}"), "POISON_UNKNOWN_TYPE");
        expectedReasons.put(poison(softDeleted, "{\"eventId\":\"" + UUID.randomUUID() + "\"}"), "POISON_MISSING_FIELD");
        expectedReasons.put(poison(null, "{\"eventId\":\"" + UUID.randomUUID() + "\"}"), "POISON_MISSING_TYPE");
        Block good = pipeline.softDeleted(
                pipeline.newOwner(), "poison-cal", null, Instant.now().minusSeconds(1));

        pipeline.publish(pipeline.eventOf(good), 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> !pipeline.exists(good.id()));
        assertThat(pipeline.confirmations(good.id())).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.all().size() == expectedReasons.size());
        List<ConsumerRecord<String, byte[]>> records = deadLetters.all();
        expectedReasons.forEach((key, reason) -> {
            ConsumerRecord<String, byte[]> record = records.stream()
                    .filter(r -> key.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(record, DeadLetterHeaders.REASON)).contains(reason);
            assertThat(header(record, DeadLetterHeaders.DETAIL)).isPresent();
            assertThat(header(record, DeadLetterHeaders.ATTEMPTS)).contains("1");
            assertThat(header(record, DeadLetterHeaders.FIRST_FAILURE_AT)).isPresent();
            assertThat(header(record, DeadLetterHeaders.ORIGINAL_PARTITION)).contains("0");
            assertThat(header(record, "test_marker")).contains(key);
            DeadLetterTopic.assertSmallHeadersOnly(record);
        });
        assertThat(records)
                .filteredOn(
                        r -> r.key().equals(expectedReasons.keySet().iterator().next()))
                .singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .isEqualTo("this is not json {"));
        Integer listed = pipeline.jdbc()
                .queryForObject(
                        "select count(*) from dead_letters where not redrivable and published_at is not null",
                        Integer.class);
        assertThat(listed).isEqualTo(expectedReasons.size());
    }

    /** Publishes an unreadable record on partition 0 and returns its key. */
    private static String poison(String type, String value) {
        String key = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("test_marker", key.getBytes(StandardCharsets.UTF_8));
        pipeline.publishRaw(0, key, value.getBytes(StandardCharsets.UTF_8), headers);
        return key;
    }
}

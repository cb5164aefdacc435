package dev.deletionpipeline.api.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.api.OwnerSnapshot;
import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A {@code DeletionRequested} command above the threshold ({@value ApiTestSupport#CONFIRMATION_THRESHOLD} blocks here)
 * waits as PENDING_APPROVAL without touching a block, until an admin approves (carried out) or rejects it (every row
 * as it was); both decisions are audited and only admins may take them.
 */
class HeldDeletionCommandsIT extends ApiTestSupport {

    private static final String COMMANDS = TOPIC_PREFIX + Topics.DELETION_REQUESTS.name();
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
    void anOverThresholdCommandWaitsForApprovalAndIsCarriedOutOnceApproved() {
        TestOwner owner = fixtures().owner();
        List<UUID> blocks = blocks(owner.id(), "team", CONFIRMATION_THRESHOLD + 2);
        OwnerSnapshot before = OwnerSnapshot.of(jdbc, owner.id());
        DeletionRequested command = calendarCommand(owner.id(), "team");

        send(command);
        JsonNode held = awaitPending(command.eventId());

        assertThat(held.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(held.get("preview").get("blocks").asLong()).isEqualTo(blocks.size());
        assertThat(held.get("requestedBy").asString()).isEqualTo("service:calendar-sync");
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).as("no block touched").isEqualTo(before);
        String approve = "/v1/admin/deletions/" + command.eventId() + "/approve";
        Answer byOwner = api().post(approve, owner.token(), "{\"reason\":\"mine anyway\"}");
        assertThat(byOwner.status()).isEqualTo(403);
        assertThat(api().get("/v1/admin/deletions", owner.token()).status()).isEqualTo(403);
        Answer noReason = api().post(approve, Fixtures.adminToken(), "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);

        Instant decidedAfter = Instant.now().minusSeconds(1);
        Answer approved = api().post(approve, Fixtures.adminToken(), "{\"reason\":\"ticket OPS-42: team left\"}");

        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("APPROVED");
        for (UUID block : blocks) {
            assertThat(fixtures().deletionId(block)).isEqualTo(command.eventId());
            assertThat(fixtures().deletionState(block)).isEqualTo("SOFT_DELETED");
            assertThat(fixtures().outboxRows(block, EventTypes.typeOf(BlockSoftDeleted.class)))
                    .isEqualTo(1);
        }
        JsonNode audit = approved.json().get("audit");
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).get("action").asString()).isEqualTo("APPROVED");
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("ops-admin");
        assertThat(audit.get(0).get("reason").asString()).isEqualTo("ticket OPS-42: team left");
        assertThat(Instant.parse(audit.get(0).get("at").asString())).isAfter(decidedAfter);

        Answer twice = api().post(approve, Fixtures.adminToken(), "{\"reason\":\"double click\"}");
        assertThat(twice.status()).as("approving again is idempotent").isEqualTo(200);
        assertThat(twice.json().get("audit").size()).isEqualTo(1);
        Answer contrary = api().post(
                        "/v1/admin/deletions/" + command.eventId() + "/reject",
                        Fixtures.adminToken(),
                        "{\"reason\":\"too late\"}");
        assertThat(contrary.status()).isEqualTo(409);
        assertThat(contrary.isProblem()).isTrue();
        assertThat(OwnerSnapshot.of(jdbc, owner.id()).outboxRows()).isEqualTo(blocks.size());
        assertThat(auditTrail())
                .anyMatch(entry -> entry.get("subjectId")
                                .asString()
                                .equals(command.eventId().toString())
                        && entry.get("reason").asString().equals("ticket OPS-42: team left"));
    }

    @Test
    void aRejectedCommandLeavesEveryRowAsItWasAndARedeliveryChangesNothing() {
        TestOwner owner = fixtures().owner();
        blocks(owner.id(), "private", CONFIRMATION_THRESHOLD + 1);
        OwnerSnapshot before = OwnerSnapshot.of(jdbc, owner.id());
        DeletionRequested command = new DeletionRequested(
                UUID.randomUUID(),
                DeletionScope.OWNER,
                owner.id(),
                null,
                null,
                "crm",
                Instant.parse("2026-01-01T00:00:00Z"));
        send(command);
        awaitPending(command.eventId());

        Answer rejected = api().post(
                        "/v1/admin/deletions/" + command.eventId() + "/reject",
                        Fixtures.adminToken(),
                        "{\"reason\":\"not the customer's wish\"}");

        assertThat(rejected.status()).as(rejected.raw().body()).isEqualTo(200);
        assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("audit").get(0).get("actor").asString()).isEqualTo("ops-admin");
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);
        assertThat(api().post(
                                "/v1/admin/deletions/" + command.eventId() + "/approve",
                                Fixtures.adminToken(),
                                "{\"reason\":\"changed my mind\"}")
                        .status())
                .isEqualTo(409);
        assertThat(api().get("/v1/admin/deletions?state=REJECTED", Fixtures.adminToken())
                        .json())
                .anyMatch(item ->
                        item.get("id").asString().equals(command.eventId().toString()));

        send(command);
        UUID marker = UUID.randomUUID();
        UUID small = fixtures().block(owner.id(), "marker-" + marker);
        send(new DeletionRequested(
                marker, DeletionScope.BLOCK, owner.id(), small, null, "crm", Instant.parse("2026-01-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SOFT_DELETED".equals(fixtures().deletionState(small)));
        OwnerSnapshot after = OwnerSnapshot.of(jdbc, owner.id());
        assertThat(after.blocks().stream().filter(row -> !row.get("id").equals(small)))
                .as("the redelivered command, consumed before the small one, changed nothing")
                .containsExactlyElementsOf(before.blocks());
    }

    @Test
    void unknownHeldDeletionIsNotFoundAndABadStateFilterNamesTheField() {
        assertThat(api().post(
                                "/v1/admin/deletions/" + UUID.randomUUID() + "/approve",
                                Fixtures.adminToken(),
                                "{\"reason\":\"x\"}")
                        .status())
                .isEqualTo(404);
        Answer bad = api().get("/v1/admin/deletions?state=DONE", Fixtures.adminToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("state");
    }

    private JsonNode awaitPending(UUID id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> StreamSupport.stream(
                                api().get("/v1/admin/deletions?state=PENDING_APPROVAL", Fixtures.adminToken())
                                        .json()
                                        .spliterator(),
                                false)
                        .anyMatch(item -> item.get("id").asString().equals(id.toString())));
        return api().get("/v1/admin/deletions/" + id, Fixtures.adminToken()).json();
    }

    private List<JsonNode> auditTrail() {
        List<JsonNode> entries = new ArrayList<>();
        api().get("/v1/admin/audit?size=500", Fixtures.adminToken()).json().forEach(entries::add);
        return entries;
    }

    private List<UUID> blocks(UUID owner, String calendar, int count) {
        List<UUID> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(fixtures().block(owner, calendar));
        }
        return blocks;
    }

    private static DeletionRequested calendarCommand(UUID owner, String calendar) {
        return new DeletionRequested(
                UUID.randomUUID(),
                DeletionScope.CALENDAR,
                owner,
                null,
                calendar,
                "calendar-sync",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static void send(DeletionRequested command) {
        byte[] value = Topics.DELETION_REQUESTS.valueSerde().serializer().serialize(COMMANDS, command);
        try {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(COMMANDS, command.ownerId().toString(), value);
            String source = command.scope() == DeletionScope.OWNER ? ACCOUNT_SERVICE_SOURCE : CALENDAR_SYNC_SOURCE;
            record.headers().add(CloudEventHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

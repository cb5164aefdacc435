package dev.deletionpipeline.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.InjectedFault;
import dev.deletionpipeline.worker.DeadLetterTopic;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * An operator redrives dead letters by filter: the dry run's count is what the real run redrives, those complete; one
 * that fails again is parked and a second filtered redrive leaves it alone, until it is redriven singly with
 * {@code unpark}. Bad requests and a filter too wide change nothing; every redrive is in {@code admin_audit}.
 */
class FilteredRedriveIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_PER_REQUEST = 3;
    private static final String REJECTED = "GOOGLE_400_BAD_REQUEST";
    private static final String FORBIDDEN = "GOOGLE_403_FORBIDDEN";

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(FilteredRedriveIT.class)
            .workerSettings(Map.of("deletion.worker.redrive.max-per-request", MAX_PER_REQUEST))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();
    private static final DeadLetterTopic deadLetterTopic = stack.deadLetters();
    private static final AdminCalls calls = new AdminCalls(stack.worker().port());

    @AfterEach
    void heal() {
        standIn.updateSettings(settings -> settings.noFaults());
    }

    @Test
    void dryRunCountIsWhatIsRedrivenAndWhatFailsAgainIsParkedNotLooped() {
        String calendar = "filtered-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        Block healed1 = failing(owner, calendar, 400);
        Block healed2 = failing(owner, calendar, 400);
        Block stillBroken = failing(owner, calendar, 400);
        Block otherReason = failing(owner, calendar, 403);
        Block otherOwner = failing(pipeline.newOwner(), calendar, 400);
        List<Block> all = List.of(healed1, healed2, stillBroken, otherReason, otherOwner);
        all.forEach(pipeline::publishSoftDeleted);
        all.forEach(FilteredRedriveIT::awaitDeadLetter);
        String filter = "{\"reason\":\"" + REJECTED + "\",\"ownerId\":\"" + owner + "\"}";

        JsonNode dryRun = answer(redriveByFilter("{\"filter\":" + filter + ",\"dryRun\":true}"), 200);

        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("matched").asInt()).isEqualTo(3);
        assertThat(dryRun.get("redrivable").asInt()).isEqualTo(3);
        assertThat(items("?reason=" + REJECTED + "&ownerId=" + owner + "&status=OPEN"))
                .extracting(item -> item.get("blockId").asString())
                .containsExactlyInAnyOrder(
                        healed1.id().toString(),
                        healed2.id().toString(),
                        stillBroken.id().toString())
                .hasSize(3);
        assertThat(items("?ownerId=" + owner).get(0).get("ownerId").asString()).isEqualTo(owner.toString());

        heal(healed1);
        heal(healed2);
        JsonNode redriven = answer(
                redriveByFilter("{\"filter\":" + filter + ",\"reason\":\"Google fixed the bad request\","
                        + "\"expectedCount\":" + dryRun.get("redrivable").asInt() + "}"),
                202);

        assertThat(redriven.get("dryRun").asBoolean()).isFalse();
        assertThat(redriven.get("redriven").asInt())
                .isEqualTo(dryRun.get("redrivable").asInt());
        await().atMost(PATIENCE).until(() -> !pipeline.exists(healed1.id()) && !pipeline.exists(healed2.id()));
        assertThat(Stream.of(healed1, healed2))
                .allSatisfy(
                        block -> assertThat(pipeline.confirmations(block.id())).singleElement());
        UUID parked = awaitParked(stillBroken);
        assertThat(deadLetterIds(stillBroken)).hasSize(2);
        assertThat(state(otherReason)).isEqualTo(DeletionState.FAILED.name());
        assertThat(state(otherOwner)).isEqualTo(DeletionState.FAILED.name());
        assertThat(items("?ownerId=" + owner + "&status=PARKED"))
                .singleElement()
                .satisfies(item -> assertThat(item.get("id").asString()).isEqualTo(parked.toString()));

        JsonNode again = answer(redriveByFilter("{\"filter\":" + filter + ",\"reason\":\"once more\"}"), 202);

        assertThat(again.get("matched").asInt()).as("3 redriven, 1 parked").isEqualTo(4);
        assertThat(again.get("redriven").asInt()).isZero();
        assertThat(pipeline.tasks(stillBroken.id()))
                .as("the parked one is left alone")
                .isZero();
        assertThat(status(parked)).isEqualTo(DeadLetterStatus.PARKED.name());
        int deletesBefore = events.deletes(stillBroken.googleEventId()).size();
        assertThat(redriveOne(parked, "{\"reason\":\"try it\"}").statusCode()).isEqualTo(409);

        heal(stillBroken);
        assertThat(redriveOne(parked, "{\"reason\":\"permission granted\",\"unpark\":true}")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(PATIENCE).until(() -> !pipeline.exists(stillBroken.id()));
        assertThat(pipeline.confirmations(stillBroken.id())).singleElement();
        assertThat(events.deletes(stillBroken.googleEventId())).hasSize(deletesBefore + 1);
        assertThat(audit(owner))
                .extracting(row -> row.get("action") + " " + row.get("item_count") + " " + row.get("reason"))
                .containsExactly(
                        DeadLetterController.AuditAction.DEAD_LETTERS_REDRIVEN.name()
                                + " 3 Google fixed the bad request",
                        DeadLetterController.AuditAction.DEAD_LETTERS_REDRIVEN.name() + " 0 once more");
        assertThat(pipeline.jdbc()
                        .queryForMap("select action, actor, item_count from admin_audit where subject_id = ?", parked))
                .containsEntry("action", DeadLetterController.AuditAction.DEAD_LETTER_UNPARKED.name())
                .containsEntry("actor", "ops")
                .containsEntry("item_count", 1);
        assertThat(deadLetterTopic.withKey(stillBroken.id().toString()))
                .as("the first dead letter and the parked one")
                .hasSize(2)
                .allSatisfy(DeadLetterTopic::assertSmallHeadersOnly);
    }

    @Test
    void badRequestsAndAFilterTooWideChangeNothingAndOnlyAdminsGetIn() {
        String calendar = "refused-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        List<Block> blocks = Stream.of(400, 400, 403, 403)
                .map(status -> failing(owner, calendar, status))
                .toList();
        blocks.forEach(pipeline::publishSoftDeleted);
        blocks.forEach(FilteredRedriveIT::awaitDeadLetter);
        blocks.forEach(FilteredRedriveIT::heal);
        String byOwner = "{\"ownerId\":\"" + owner + "\"}";
        String ownerToken = DevTokens.local().ownerToken(owner, UUID.randomUUID(), Duration.ofMinutes(5));

        assertProblemNaming(redriveByFilter("{\"filter\":" + byOwner + "}"), "reason");
        assertProblemNaming(redriveByFilter("{\"filter\":" + byOwner + ",\"reason\":\" \"}"), "reason");
        assertProblemNaming(redriveByFilter("{\"filter\":{},\"reason\":\"everything\"}"), "filter");
        assertProblemNaming(redriveByFilter("{\"reason\":\"everything\"}"), "filter");
        assertProblemNaming(
                redriveByFilter("{\"filter\":{\"ownerId\":\"not-a-uuid\"},\"reason\":\"x\"}"), "filter.ownerId");
        assertProblemNaming(calls.get("/v1/admin/dead-letters?status=GONE", AdminCalls.admin()), "status");
        assertProblemNaming(calls.get("/v1/admin/dead-letters?from=yesterday", AdminCalls.admin()), "from");
        HttpResponse<String> tooWide = redriveByFilter("{\"filter\":" + byOwner + ",\"reason\":\"all of them\"}");
        assertThat(tooWide.statusCode()).as(tooWide.body()).isEqualTo(409);
        assertThat(tooWide.body()).contains("more than the " + MAX_PER_REQUEST);
        HttpResponse<String> stale = redriveByFilter("{\"filter\":{\"ownerId\":\"" + owner + "\",\"reason\":\""
                + FORBIDDEN + "\"},\"reason\":\"the 403s\",\"expectedCount\":3}");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("not the expected 3");
        assertThat(calls.post(
                                "/v1/admin/dead-letters/redrive",
                                ownerToken,
                                "{\"filter\":" + byOwner + ",\"reason\":\"mine\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(calls.get("/v1/admin/dead-letters/summary", ownerToken).statusCode())
                .isEqualTo(403);
        assertThat(calls.post("/v1/admin/dead-letters/redrive", null, "{}").statusCode())
                .isEqualTo(401);

        assertThat(blocks).allSatisfy(block -> {
            assertThat(state(block)).isEqualTo(DeletionState.FAILED.name());
            assertThat(pipeline.tasks(block.id())).isZero();
        });
        assertThat(items("?ownerId=" + owner))
                .hasSize(4)
                .allSatisfy(item -> assertThat(item.get("status").asString()).isEqualTo(DeadLetterStatus.OPEN.name()));
        assertThat(audit(owner)).isEmpty();

        JsonNode the403s = answer(
                redriveByFilter("{\"filter\":{\"ownerId\":\"" + owner + "\",\"reason\":\"" + FORBIDDEN
                        + "\",\"from\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\",\"to\":\""
                        + Instant.now().plus(Duration.ofHours(1)) + "\"},\"reason\":\"the 403s\",\"expectedCount\":2}"),
                202);
        assertThat(the403s.get("redriven").asInt()).isEqualTo(2);
        JsonNode summary = answer(calls.get("/v1/admin/dead-letters/summary", AdminCalls.admin()), 200);
        Map<String, Object> counted = pipeline.jdbc()
                .queryForMap("select count(*) as total, count(*) filter (where status = 'REDRIVEN') as redriven"
                        + " from dead_letters");
        assertThat(summary.get("total").asLong()).isEqualTo(counted.get("total"));
        assertThat(summary.get("byStatus").get("REDRIVEN").asLong()).isEqualTo(counted.get("redriven"));
        assertThat(summary.get("byReason").valueStream())
                .anySatisfy(group -> assertThat(group.get("reason").asString()).isEqualTo(FORBIDDEN));
    }

    private static Block failing(UUID owner, String calendar, int status) {
        String eventId = events.insert(calendar);
        standIn.updateSettings(settings -> settings.eventFault(
                eventId,
                status == 403
                        ? InjectedFault.forbidden("forbiddenForNonOrganizer")
                        : new InjectedFault(status, "badRequest")));
        return pipeline.softDeleted(owner, calendar, eventId, Instant.now().minusSeconds(1));
    }

    private static void heal(Block block) {
        standIn.updateSettings(settings -> settings.eventFault(block.googleEventId(), null));
    }

    private static void awaitDeadLetter(Block block) {
        await().atMost(PATIENCE).until(() -> !deadLetterIds(block).isEmpty());
    }

    private static UUID awaitParked(Block block) {
        await().atMost(PATIENCE)
                .until(() -> pipeline.jdbc()
                                .queryForObject(
                                        "select count(*) from dead_letters where block_id = ? and status = ?",
                                        Integer.class,
                                        block.id(),
                                        DeadLetterStatus.PARKED.name())
                        == 1);
        return pipeline.jdbc()
                .queryForObject(
                        "select id from dead_letters where block_id = ? and status = ?",
                        UUID.class,
                        block.id(),
                        DeadLetterStatus.PARKED.name());
    }

    private static List<UUID> deadLetterIds(Block block) {
        return pipeline.jdbc().queryForList("select id from dead_letters where block_id = ?", UUID.class, block.id());
    }

    private static String status(UUID deadLetter) {
        return pipeline.jdbc().queryForObject("select status from dead_letters where id = ?", String.class, deadLetter);
    }

    private static String state(Block block) {
        return pipeline.deletionState(block.id());
    }

    private static List<Map<String, Object>> audit(UUID owner) {
        return pipeline.jdbc()
                .queryForList(
                        "select action, item_count, reason from admin_audit where filter ->> 'ownerId' = ? order by at",
                        owner.toString());
    }

    private static List<JsonNode> items(String query) {
        return answer(calls.get("/v1/admin/dead-letters" + query, AdminCalls.admin()), 200)
                .valueStream()
                .toList();
    }

    private static HttpResponse<String> redriveByFilter(String body) {
        return calls.post("/v1/admin/dead-letters/redrive", AdminCalls.admin(), body);
    }

    private static HttpResponse<String> redriveOne(UUID deadLetter, String body) {
        return calls.post("/v1/admin/dead-letters/" + deadLetter + "/redrive", AdminCalls.admin(), body);
    }

    private static JsonNode answer(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return AdminCalls.json(response);
    }

    private static void assertProblemNaming(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(AdminCalls.json(response).get("errors").get(0).get("field").asString())
                .as(response.body())
                .isEqualTo(field);
    }
}

package dev.deletionpipeline.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.localstack.calendar.InjectedFault;
import dev.deletionpipeline.localstack.testing.RawHttp;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import dev.deletionpipeline.worker.harddelete.HardDeleter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An admin redrives a dead-lettered deletion; it completes under its original event id, and a second redrive is
 * refused. Only an admin token with the configured issuer and audience gets in; what the firewall or Tomcat refuse
 * answers a problem too.
 */
class RedriveIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(RedriveIT.class).withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();
    private static final AdminCalls calls = new AdminCalls(stack.worker().port());

    @Test
    void redrivenDeletionCompletesOnceUnderItsOriginalEventIdAndASecondRedriveIsRefused() {
        Block block = stack.dueSyncedBlock("redrive-" + UUID.randomUUID());
        String eventId = block.googleEventId();
        standIn.updateSettings(settings -> settings.faultRate(400, 1.0));
        BlockSoftDeleted event = pipeline.publishSoftDeleted(block);
        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        UUID deadLetter = deadLetterOf(block);
        standIn.updateSettings(settings -> settings.noFaults());

        HttpResponse<String> first = redrive(deadLetter, admin());

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("REQUEUED").contains(event.eventId().toString());
        await().atMost(PATIENCE).until(() -> !pipeline.exists(block.id()));
        assertThat(pipeline.confirmations(block.id()))
                .singleElement()
                .satisfies(c -> assertThat(c.eventId()).isEqualTo(HardDeleter.confirmationIdFor(event.eventId())));

        HttpResponse<String> second = redrive(deadLetter, admin());

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(pipeline.confirmations(block.id())).hasSize(1);
        assertThat(events.deletes(eventId)).extracting(CallRecord::status).containsExactly(400, 204);
        assertThat(list(admin()).body()).contains(deadLetter.toString()).contains("\"redrivenBy\":\"ops\"");
        assertThat(pipeline.jdbc()
                        .queryForMap(
                                "select action, actor, reason, item_count from admin_audit where subject_id = ?",
                                deadLetter))
                .containsEntry("action", DeadLetterController.AuditAction.DEAD_LETTER_REDRIVEN.name())
                .containsEntry("actor", "ops")
                .containsEntry("reason", "Google is back")
                .containsEntry("item_count", 1);
    }

    @Test
    void aRedriveWithoutAReasonIsABadRequestNamingItAndChangesNothing() {
        Block block = stack.dueSyncedBlock("no-reason-" + UUID.randomUUID());
        standIn.updateSettings(settings -> settings.eventFault(block.googleEventId(), new InjectedFault(400, "bad")));
        pipeline.publishSoftDeleted(block);
        UUID deadLetter = deadLetterOf(block);
        standIn.updateSettings(settings -> settings.noFaults());

        for (String body : new String[] {null, "{}", "{\"reason\":\"  \"}"}) {
            HttpResponse<String> answer =
                    calls.post("/v1/admin/dead-letters/" + deadLetter + "/redrive", admin(), body);

            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(AdminCalls.json(answer).get("errors").get(0).get("field").asString())
                    .isEqualTo("reason");
        }
        assertThat(pipeline.deletionState(block.id())).isEqualTo("FAILED");
        assertThat(pipeline.tasks(block.id())).isZero();
        assertThat(pipeline.jdbc()
                        .queryForObject("select status from dead_letters where id = ?", String.class, deadLetter))
                .isEqualTo(DeadLetterStatus.OPEN.name());
        assertThat(pipeline.jdbc()
                        .queryForObject(
                                "select count(*) from admin_audit where subject_id = ?", Integer.class, deadLetter))
                .isZero();
    }

    @Test
    void onlyAnAdminMayRedriveOrList() {
        UUID anyId = UUID.randomUUID();
        String ownerToken = DevTokens.local().ownerToken(UUID.randomUUID(), UUID.randomUUID(), Duration.ofMinutes(5));
        String forged =
                new DevTokens("another-secret-another-secret-another-secret").adminToken("ops", Duration.ofMinutes(5));

        assertThat(redrive(anyId, null).statusCode()).isEqualTo(401);
        assertThat(redrive(anyId, forged).statusCode()).isEqualTo(401);
        assertThat(redrive(anyId, ownerToken).statusCode()).isEqualTo(403);
        assertThat(list(ownerToken).statusCode()).isEqualTo(403);
        assertThat(redrive(anyId, admin()).statusCode()).isEqualTo(404);
    }

    @Test
    void tokensOfAnotherIssuerOrAudienceAreUnauthorizedProblemsAndTheRightOneWorks() {
        for (DevTokens refused : java.util.List.of(
                DevTokens.local().withIssuer("https://attacker.example"),
                DevTokens.local().withAudience("another-service"))) {
            HttpResponse<String> answer = list(refused.adminToken("ops", Duration.ofMinutes(5)));

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(list(admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void firewallAndContainerRefusalsAreBadRequestProblems() {
        for (String target : RawHttp.REFUSED_BEFORE_THE_APPLICATION) {
            RawHttp.Answer answer = RawHttp.get(stack.worker().port(), target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("application/problem+json");
        }
    }

    private static UUID deadLetterOf(Block block) {
        await().atMost(PATIENCE)
                .until(() -> !pipeline.jdbc()
                        .queryForList("select id from dead_letters where block_id = ?", UUID.class, block.id())
                        .isEmpty());
        return pipeline.jdbc().queryForObject("select id from dead_letters where block_id = ?", UUID.class, block.id());
    }

    private static String admin() {
        return AdminCalls.admin();
    }

    private static HttpResponse<String> redrive(UUID deadLetter, String token) {
        return calls.post(
                "/v1/admin/dead-letters/" + deadLetter + "/redrive", token, "{\"reason\":\"Google is back\"}");
    }

    private static HttpResponse<String> list(String token) {
        return calls.get("/v1/admin/dead-letters", token);
    }
}

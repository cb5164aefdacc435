package dev.deletionpipeline.worker.calendar;

import static dev.deletionpipeline.worker.DeadLetterTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.services.calendar.model.Event;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.calendar.AuthMode;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.worker.DeadLetterTopic;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import dev.deletionpipeline.worker.credentials.RefreshTokenCipher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 404 to an event's delete is "already gone" only while the calendar answers {@code calendars.get} for the same
 * owner's credential. Each owner deletes as their own Google user (OAuth refresh tokens, bearer auth on), so the
 * stand-in can take a calendar away from exactly that user, as Google does when access is lost.
 */
class CalendarUnreachableIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] KEY = randomKey();

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(CalendarUnreachableIT.class)
            .standIn(CalendarStandInSettings.builder().authMode(AuthMode.BEARER).build())
            .workerSettings(Map.of(
                    "deletion.worker.credentials.mode", "OAUTH_REFRESH_TOKEN",
                    "deletion.worker.credentials.encryption-key",
                            Base64.getEncoder().encodeToString(KEY),
                    "deletion.worker.credentials.client-id", "worker-tests",
                    "deletion.worker.credentials.client-secret", "worker-tests-secret"))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();
    private static final DeadLetterTopic deadLetters = stack.deadLetters();

    @Test
    void calendarTakenAwayLeavesTheRowFailedAndARedriveAfterAccessIsRestoredDeletesIt() throws Exception {
        UUID owner = ownerWithCredential();
        String calendar = "taken-" + owner;
        Block block = syncedBlock(owner, calendar, Instant.now().minusSeconds(1));
        standIn.revokeCalendar(calendar, user(owner));

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        assertThat(pipeline.failureReason(block.id())).startsWith(DeadLetterReason.CALENDAR_UNREACHABLE.name());
        assertThat(pipeline.exists(block.id())).as("the row stays").isTrue();
        assertThat(pipeline.confirmations(block.id())).isEmpty();
        assertThat(events.deleted(calendar, block.googleEventId()))
                .as("the event is still live")
                .isFalse();
        assertThat(events.deletes(block.googleEventId()))
                .singleElement()
                .extracting(CallRecord::status, CallRecord::user)
                .containsExactly(404, user(owner));
        assertThat(calendarGets(calendar))
                .singleElement()
                .extracting(CallRecord::status, CallRecord::user)
                .containsExactly(404, user(owner));
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(block);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains(DeadLetterReason.CALENDAR_UNREACHABLE.name());
        assertThat(header(deadLetter, DeadLetterHeaders.DETAIL))
                .hasValueSatisfying(detail -> assertThat(detail).contains("calendars.get"));
        assertThat(header(deadLetter, DeadLetterHeaders.LAST_HTTP_STATUS)).contains("404");
        DeadLetterTopic.assertSmallHeadersOnly(deadLetter);

        standIn.restoreCalendar(calendar, user(owner));
        HttpResponse<String> redrive = redrive(deadLetterIdOf(block));

        assertThat(redrive.statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> !pipeline.exists(block.id()));
        assertThat(pipeline.confirmations(block.id()))
                .singleElement()
                .extracting(HardDeleteConfirmed::outcome)
                .isEqualTo(HardDeleteOutcome.DELETED);
        assertThat(events.deleted(calendar, block.googleEventId())).isTrue();
        assertThat(events.deletes(block.googleEventId()))
                .extracting(CallRecord::status)
                .containsExactly(404, 204);
    }

    @Test
    void eventMissingFromACalendarThatAnswersCountsAsAlreadyGone() {
        UUID owner = ownerWithCredential();
        String calendar = "reachable-" + owner;
        syncedBlock(owner, calendar, Instant.now().minusSeconds(1));
        Block block = pipeline.softDeleted(
                owner, calendar, StandInEvents.newEventId(), Instant.now().minusSeconds(1));

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> !pipeline.exists(block.id()));
        assertThat(pipeline.confirmations(block.id()))
                .singleElement()
                .extracting(HardDeleteConfirmed::outcome)
                .isEqualTo(HardDeleteOutcome.ALREADY_GONE);
        assertThat(calendarGets(calendar))
                .singleElement()
                .extracting(CallRecord::status, CallRecord::user)
                .containsExactly(200, user(owner));
    }

    @Test
    void aBatchAsksEachCalendarOnceAndKeepsOnlyTheRowsOfTheCalendarThatDidNotAnswer() {
        UUID owner = ownerWithCredential();
        String taken = "batch-taken-" + owner;
        String reachable = "batch-reachable-" + owner;
        syncedBlock(owner, reachable, Instant.now().minusSeconds(1));
        Instant purgeAfter = Instant.now().plusSeconds(5);
        List<Block> onTaken = new ArrayList<>();
        List<Block> missingFromReachable = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            onTaken.add(syncedBlock(owner, taken, purgeAfter));
            missingFromReachable.add(pipeline.softDeleted(owner, reachable, StandInEvents.newEventId(), purgeAfter));
        }
        standIn.revokeCalendar(taken, user(owner));
        List<Block> all = new ArrayList<>(onTaken);
        all.addAll(missingFromReachable);

        pipeline.publishSoftDeleted(all);
        await().atMost(PATIENCE).until(() -> all.stream().allMatch(b -> pipeline.tasks(b.id()) == 1));
        assertThat(Instant.now()).as("all taken in before they fall due").isBefore(purgeAfter);

        await().atMost(PATIENCE)
                .until(() -> onTaken.stream().allMatch(b -> "FAILED".equals(pipeline.deletionState(b.id())))
                        && missingFromReachable.stream().noneMatch(b -> pipeline.exists(b.id())));
        assertThat(onTaken).allSatisfy(b -> {
            assertThat(pipeline.failureReason(b.id())).startsWith(DeadLetterReason.CALENDAR_UNREACHABLE.name());
            assertThat(events.deleted(taken, b.googleEventId())).isFalse();
        });
        assertThat(missingFromReachable)
                .allSatisfy(b -> assertThat(pipeline.confirmations(b.id()))
                        .singleElement()
                        .extracting(HardDeleteConfirmed::outcome)
                        .isEqualTo(HardDeleteOutcome.ALREADY_GONE));
        long requestsToTaken = onTaken.stream()
                .map(b -> events.deletes(b.googleEventId()).get(0))
                .map(call -> call.batchId() == null ? "single-" + call.sequence() : "batch-" + call.batchId())
                .distinct()
                .count();
        assertThat(calendarGets(taken))
                .as("one calendars.get per request that had 404s on the calendar")
                .hasSize((int) requestsToTaken)
                .allSatisfy(call -> assertThat(call.status()).isEqualTo(404));
        assertThat(requestsToTaken).as("deleted in batches, not one by one").isLessThan(onTaken.size());
        assertThat(calendarGets(reachable))
                .as("a calendar that answered is remembered")
                .singleElement()
                .extracting(CallRecord::status)
                .isEqualTo(200);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(Block block) {
        await().atMost(PATIENCE)
                .until(() -> !deadLetters.withKey(block.id().toString()).isEmpty());
        return deadLetters.withKey(block.id().toString()).get(0);
    }

    private static UUID deadLetterIdOf(Block block) {
        return pipeline.jdbc().queryForObject("select id from dead_letters where block_id = ?", UUID.class, block.id());
    }

    private static HttpResponse<String> redrive(UUID deadLetter) throws Exception {
        String admin = DevTokens.local().adminToken("ops", Duration.ofMinutes(5));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:"
                                + stack.worker().port() + "/v1/admin/dead-letters/" + deadLetter + "/redrive"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"calendar access restored\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<CallRecord> calendarGets(String calendarId) {
        return standIn.calls().stream()
                .filter(call -> call.method().equals("GET") && Objects.equals(calendarId, call.calendarId()))
                .filter(call -> call.eventId() == null)
                .toList();
    }

    private static UUID ownerWithCredential() {
        UUID owner = pipeline.newOwner();
        String refreshToken = "1//refresh-" + UUID.randomUUID();
        standIn.registerRefreshToken(refreshToken, user(owner));
        pipeline.jdbc()
                .update(
                        "insert into google_credentials (owner_id, kind, refresh_token_encrypted)"
                                + " values (?, 'OAUTH_REFRESH_TOKEN', ?)",
                        owner,
                        new RefreshTokenCipher(KEY).encrypt(owner, refreshToken));
        return owner;
    }

    private static Block syncedBlock(UUID owner, String calendar, Instant purgeAfter) {
        String eventId = events.insert(
                calendar, new Event().setId(StandInEvents.newEventId()), standIn.issueAccessToken(user(owner)));
        return pipeline.softDeleted(owner, calendar, eventId, purgeAfter);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String user(UUID owner) {
        return "user-" + owner;
    }
}

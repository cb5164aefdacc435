package dev.deletionpipeline.worker.dispatch;

import static dev.deletionpipeline.worker.DeadLetterTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.localstack.calendar.InjectedFault;
import dev.deletionpipeline.worker.DeadLetterTopic;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import dev.deletionpipeline.worker.harddelete.HardDeleter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each answer Google can give leads to the right end state: hard-deleted with one confirmation in the outbox, retried
 * then confirmed, or dead-lettered with its reason (a 400, a 403 that is not about quotas, retries exhausted) — and
 * never a hard delete before Google answered, nor a Google call before the claim.
 */
class DeletionOutcomesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(DeletionOutcomesIT.class).withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();
    private static final DeadLetterTopic deadLetters = stack.deadLetters();

    @AfterEach
    void noMoreFaults() {
        standIn.updateSettings(settings -> settings.noFaults());
    }

    @Test
    void deletedEventIsHardDeletedAndConfirmedOnlyAfterGoogleAnswered() {
        Block block = stack.dueSyncedBlock(newCalendar());
        String calendar = block.calendarId();
        String eventId = block.googleEventId();

        BlockSoftDeleted event = pipeline.publishSoftDeleted(block);

        HardDeleteConfirmed confirmation = awaitConfirmation(block);
        assertThat(confirmation.outcome()).isEqualTo(HardDeleteOutcome.DELETED);
        assertThat(confirmation.eventId()).isEqualTo(HardDeleter.confirmationIdFor(event.eventId()));
        assertThat(confirmation.sourceEventId()).isEqualTo(event.eventId());
        assertThat(confirmation.attempts()).isEqualTo(1);
        assertThat(pipeline.receipts(block.id())).isEqualTo(1);
        assertThat(pipeline.tasks(block.id())).isZero();
        assertThat(events.deleted(calendar, eventId)).isTrue();
        CallRecord delete = onlyDelete(eventId);
        assertThat(delete.status()).isEqualTo(204);
        assertThat(delete.sendUpdates()).isEqualTo("none");
        assertOrder(confirmation, delete);
    }

    @Test
    void eventGoogleNeverHadCountsAsAlreadyGone() {
        String calendar = newCalendar();
        events.insert(calendar);
        String missing = StandInEvents.newEventId();
        Block block = pipeline.softDeleted(
                pipeline.newOwner(), calendar, missing, Instant.now().minusSeconds(1));

        pipeline.publishSoftDeleted(block);

        HardDeleteConfirmed confirmation = awaitConfirmation(block);
        assertThat(confirmation.outcome()).isEqualTo(HardDeleteOutcome.ALREADY_GONE);
        assertThat(onlyDelete(missing).status()).isEqualTo(404);
    }

    @Test
    void eventDeletedInGoogleBeforeCountsAsAlreadyGone() {
        Block first = stack.dueSyncedBlock(newCalendar());
        String calendar = first.calendarId();
        String eventId = first.googleEventId();
        pipeline.publishSoftDeleted(first);
        awaitConfirmation(first);
        Block second = pipeline.softDeleted(
                first.ownerId(), calendar, eventId, Instant.now().minusSeconds(1));

        pipeline.publishSoftDeleted(second);

        HardDeleteConfirmed confirmation = awaitConfirmation(second);
        assertThat(confirmation.outcome()).isEqualTo(HardDeleteOutcome.ALREADY_GONE);
        assertThat(events.deletes(eventId)).extracting(CallRecord::status).containsExactly(204, 410);
    }

    @Test
    void blockNeverSyncedIsHardDeletedWithoutCallingGoogle() {
        String calendar = newCalendar();
        Block block = pipeline.softDeleted(
                pipeline.newOwner(), calendar, null, Instant.now().minusSeconds(1));

        pipeline.publishSoftDeleted(block);

        HardDeleteConfirmed confirmation = awaitConfirmation(block);
        assertThat(confirmation.outcome()).isEqualTo(HardDeleteOutcome.NOT_SYNCED);
        assertThat(confirmation.googleAnsweredAt()).isNull();
        assertThat(confirmation.attempts()).isZero();
        assertThat(standIn.calls()).noneMatch(call -> calendar.equals(call.calendarId()));
    }

    @Test
    void unavailableGoogleIsRetriedWithBackOffThenConfirmed() {
        Block block = dueBlockGoogleWillFail(503);
        String eventId = block.googleEventId();

        pipeline.publishSoftDeleted(block);
        await().atMost(PATIENCE).until(() -> events.deletes(eventId).size() >= 2);
        assertThat(pipeline.exists(block.id())).isTrue();
        assertThat(pipeline.deletionState(block.id())).isEqualTo("CLAIMED");
        standIn.updateSettings(settings -> settings.noFaults());

        HardDeleteConfirmed confirmation = awaitConfirmation(block);
        List<CallRecord> deletes = events.deletes(eventId);
        assertThat(deletes).extracting(CallRecord::status).last().isEqualTo(204);
        assertThat(deletes)
                .extracting(CallRecord::status)
                .filteredOn(s -> s != 204)
                .containsOnly(503);
        assertThat(confirmation.attempts()).isEqualTo(deletes.size());
        assertThat(Duration.between(deletes.get(0).at(), deletes.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertOrder(confirmation, deletes.get(deletes.size() - 1));
        assertThat(deletes.get(0).at()).isAfterOrEqualTo(confirmation.claimedAt());
    }

    @Test
    void badRequestIsDeadLetteredAtOnceWithItsReasonAndTheOriginalRecord() {
        Block block = dueBlockGoogleWillFail(400);
        String eventId = block.googleEventId();

        BlockSoftDeleted event = pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        assertThat(pipeline.failureReason(block.id())).startsWith("GOOGLE_400_BAD_REQUEST");
        assertThat(pipeline.confirmations(block.id())).isEmpty();
        assertThat(pipeline.tasks(block.id())).isZero();
        assertThat(events.deletes(eventId)).hasSize(1);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(block);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("GOOGLE_400_BAD_REQUEST");
        assertThat(header(deadLetter, DeadLetterHeaders.LAST_HTTP_STATUS)).contains("400");
        assertThat(header(deadLetter, DeadLetterHeaders.ATTEMPTS)).contains("1");
        assertThat(header(deadLetter, DeadLetterHeaders.FIRST_FAILURE_AT)).isPresent();
        assertThat(header(deadLetter, DeadLetterHeaders.LAST_FAILURE_AT)).isPresent();
        assertThat(header(deadLetter, DeadLetterHeaders.DETAIL)).isPresent();
        assertThat(header(deadLetter, CloudEventHeaders.ID))
                .contains(event.eventId().toString());
        assertThat(deadLetter.value()).isEqualTo(EventJson.mapper().writeValueAsBytes(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {"forbiddenForNonOrganizer", "insufficientPermissions"})
    void forbiddenThatIsNotAboutQuotasIsDeadLetteredAfterOneCallWithoutRetry(String googleReason) {
        Block block = stack.dueSyncedBlock(newCalendar());
        String eventId = block.googleEventId();
        standIn.updateSettings(settings -> settings.eventFault(eventId, InjectedFault.forbidden(googleReason)));

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(block);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("GOOGLE_403_FORBIDDEN");
        assertThat(header(deadLetter, DeadLetterHeaders.DETAIL))
                .hasValueSatisfying(detail -> assertThat(detail).contains("403", googleReason));
        assertThat(header(deadLetter, DeadLetterHeaders.LAST_HTTP_STATUS)).contains("403");
        assertThat(header(deadLetter, DeadLetterHeaders.ATTEMPTS)).contains("1");
        assertThat(pipeline.failureReason(block.id())).startsWith("GOOGLE_403_FORBIDDEN");
        assertThat(pipeline.exists(block.id()))
                .as("still soft-deleted, visible to admins")
                .isTrue();
        assertThat(pipeline.confirmations(block.id())).isEmpty();
        assertThat(events.deleted(block.calendarId(), eventId)).isFalse();
        // several retry back-offs (200 ms, 400 ms, ...) long: a retry would have called Google again by now
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> events.deletes(eventId).size() == 1);
        assertThat(onlyDelete(eventId))
                .extracting(CallRecord::status, CallRecord::reason)
                .containsExactly(403, googleReason);
    }

    @Test
    void failuresThatNeverEndAreDeadLetteredAfterTheLastAttempt() {
        Block block = dueBlockGoogleWillFail(503);
        String eventId = block.googleEventId();

        pipeline.publishSoftDeleted(block);

        await().atMost(PATIENCE).until(() -> "FAILED".equals(pipeline.deletionState(block.id())));
        assertThat(events.deletes(eventId)).hasSize(4);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(block);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("GOOGLE_RETRIES_EXHAUSTED");
        assertThat(header(deadLetter, DeadLetterHeaders.LAST_HTTP_STATUS)).contains("503");
        assertThat(header(deadLetter, DeadLetterHeaders.ATTEMPTS)).contains("4");
        assertThat(Instant.parse(
                        header(deadLetter, DeadLetterHeaders.FIRST_FAILURE_AT).orElseThrow()))
                .isBefore(Instant.parse(
                        header(deadLetter, DeadLetterHeaders.LAST_FAILURE_AT).orElseThrow()));
        assertThat(pipeline.exists(block.id())).isTrue();
    }

    /** A due block whose Google deletes answer this status until the test ends ({@link #noMoreFaults}). */
    private static Block dueBlockGoogleWillFail(int status) {
        Block block = stack.dueSyncedBlock(newCalendar());
        standIn.updateSettings(settings -> settings.faultRate(status, 1.0));
        return block;
    }

    private static String newCalendar() {
        return "cal-" + UUID.randomUUID() + "@example.com";
    }

    private static HardDeleteConfirmed awaitConfirmation(Block block) {
        await().atMost(PATIENCE).until(() -> !pipeline.exists(block.id()));
        List<HardDeleteConfirmed> confirmations = pipeline.confirmations(block.id());
        assertThat(confirmations).hasSize(1);
        return confirmations.get(0);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(Block block) {
        await().atMost(PATIENCE)
                .until(() -> !deadLetters.withKey(block.id().toString()).isEmpty());
        List<ConsumerRecord<String, byte[]>> records =
                deadLetters.withKey(block.id().toString());
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static CallRecord onlyDelete(String eventId) {
        List<CallRecord> deletes = events.deletes(eventId);
        assertThat(deletes).hasSize(1);
        return deletes.get(0);
    }

    /** claim ≤ Google's arrival ≤ Google's answer ≤ hard delete. */
    private static void assertOrder(HardDeleteConfirmed confirmation, CallRecord lastDelete) {
        Instant answered = lastDelete.answeredAt();
        assertThat(lastDelete.at()).isAfterOrEqualTo(confirmation.claimedAt());
        assertThat(confirmation.googleAnsweredAt()).isAfterOrEqualTo(lastDelete.at());
        assertThat(confirmation.hardDeletedAt()).isAfterOrEqualTo(confirmation.googleAnsweredAt());
        assertThat(confirmation.hardDeletedAt()).isAfterOrEqualTo(answered);
    }
}

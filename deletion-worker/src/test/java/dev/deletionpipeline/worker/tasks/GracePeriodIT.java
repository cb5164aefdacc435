package dev.deletionpipeline.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.TestClock;
import dev.deletionpipeline.worker.TestWorker;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deletion in its grace period waits in the database, not in the consumer: a record behind it on the same partition
 * is deleted at once, and the waiting one is deleted after its grace period even by a worker started later. Once due,
 * owners take turns in the pick: an owner's single deletion does not wait for another owner's older bulk; and an
 * owner's tasks that wait for its Google quota stay due and untouched until a permit is there.
 */
class GracePeriodIT {

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(GracePeriodIT.class).withoutWorker();

    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void waitingDeletionHoldsUpNothingAndSurvivesARestart() {
        String calendar = "grace-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        String laterEvent = events.insert(calendar);
        String nowEvent = events.insert(calendar);
        // an hour away, so that a slow first worker cannot reach it; the restarted worker's clock passes it
        Block later =
                pipeline.softDeleted(owner, calendar, laterEvent, Instant.now().plus(Duration.ofHours(1)));
        Block now =
                pipeline.softDeleted(owner, calendar, nowEvent, Instant.now().minusSeconds(1));

        try (TestWorker first = stack.startWorker()) {
            pipeline.publish(pipeline.eventOf(later), 0);
            pipeline.publish(pipeline.eventOf(now), 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> !pipeline.exists(now.id()));
            assertThat(pipeline.deletionState(later.id())).isEqualTo("SOFT_DELETED");
            assertThat(pipeline.tasks(later.id())).isEqualTo(1);
            assertThat(events.deletes(laterEvent)).isEmpty();
        }

        TestClock graceOver = new TestClock();
        graceOver.advance(Duration.ofHours(1).plusMinutes(1));
        try (TestWorker restarted = stack.startWorker(Map.of(), Map.of("clock", graceOver))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !pipeline.exists(later.id()));
        }
        HardDeleteConfirmed confirmation = pipeline.confirmations(later.id()).get(0);
        assertThat(confirmation.claimedAt()).isAfterOrEqualTo(later.purgeAfter());
        assertThat(events.deletes(laterEvent)).hasSize(1);
    }

    @Test
    void ownersTakeTurnsSoASingleDeletionIsNotPickedAfterAnotherOwnersOlderBulk() {
        String bulkCalendar = "turns-bulk-" + UUID.randomUUID();
        String singleCalendar = "turns-single-" + UUID.randomUUID();
        UUID bulkOwner = pipeline.newOwner();
        Instant dueInAnHour = Instant.now().plus(Duration.ofHours(1));
        List<Block> bulk = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bulk.add(pipeline.softDeleted(bulkOwner, bulkCalendar, events.insert(bulkCalendar), dueInAnHour));
        }
        String singleEvent = events.insert(singleCalendar);
        Block single =
                pipeline.softDeleted(pipeline.newOwner(), singleCalendar, singleEvent, dueInAnHour.plusSeconds(30));
        TestClock clock = new TestClock();
        // one dispatcher, rounds of 5 with up to 5 of one owner: picked oldest first, the bulk would fill four rounds
        Map<String, Object> smallRounds = Map.of(
                "deletion.worker.dispatch.dispatchers", "1",
                "deletion.worker.dispatch.round-size", "5",
                "deletion.worker.dispatch.per-owner-round-size", "5");

        try (TestWorker worker = stack.startWorker(smallRounds, Map.of("clock", clock))) {
            bulk.forEach(block -> pipeline.publish(pipeline.eventOf(block), 0));
            pipeline.publish(pipeline.eventOf(single), 0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> pipeline.tasks(single.id()) == 1
                            && bulk.stream().allMatch(block -> pipeline.tasks(block.id()) == 1));
            clock.advance(Duration.ofHours(2));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !pipeline.exists(single.id())
                            && bulk.stream().noneMatch(block -> pipeline.exists(block.id())));
        }

        long singleDeleted = events.deletes(singleEvent).get(0).sequence();
        long bulkDeletedBefore = bulk.stream()
                .filter(block -> events.deletes(block.googleEventId()).get(0).sequence() < singleDeleted)
                .count();
        assertThat(bulkDeletedBefore)
                .as("the bulk's deletions sent before the single one: its share of the first round at most")
                .isLessThan(5);
    }

    @Test
    void aDeletionWaitingForItsOwnersQuotaIsNotRescheduledOverAndOver() {
        String calendar = "quota-turns-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        List<Block> bulk = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bulk.add(pipeline.softDeleted(
                    owner, calendar, events.insert(calendar), Instant.now().minusSeconds(1)));
        }
        String otherCalendar = "quota-turns-other-" + UUID.randomUUID();
        // one call a second per owner: the bulk takes six seconds of quota; a lease of minutes, so that a task being
        // worked on is not mistaken for a deferred one (the tests' 5 s lease would put it within the minute counted)
        Map<String, Object> oneCallASecond = Map.of(
                "deletion.worker.rate-limit.per-owner-per-minute", "60",
                "deletion.worker.rate-limit.refresh-period", "1s",
                "deletion.worker.dispatch.claim-lease", "2m");

        try (TestWorker worker = stack.startWorker(oneCallASecond, Map.of())) {
            bulk.forEach(block -> pipeline.publish(pipeline.eventOf(block), 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> bulk.stream().anyMatch(b -> !pipeline.exists(b.id())));

            Block other = pipeline.softDeleted(
                    pipeline.newOwner(),
                    otherCalendar,
                    events.insert(otherCalendar),
                    Instant.now().minusSeconds(1));
            pipeline.publish(pipeline.eventOf(other), 0);
            await().atMost(Duration.ofSeconds(5))
                    .alias("another owner's deletion, while the bulk waits for its owner's quota")
                    .until(() -> !pipeline.exists(other.id()));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .alias("the waiting tasks stay due as they were: not deferred, not picked again")
                    .until(() -> rescheduledTasksOf(owner) == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> bulk.stream().noneMatch(b -> pipeline.exists(b.id())));
        }
        assertThat(bulk)
                .allSatisfy(block ->
                        assertThat(events.deletes(block.googleEventId())).hasSize(1));
    }

    /** Tasks moved to a later turn (a deferral); a task being worked on carries its lease, minutes ahead. */
    private static int rescheduledTasksOf(UUID owner) {
        return pipeline.jdbc()
                .queryForObject(
                        "select count(*) from deletion_tasks where owner_id = ? and due_at > purge_after"
                                + " and due_at < now() + interval '1 minute'",
                        Integer.class,
                        owner);
    }
}

package dev.deletionpipeline.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.localstack.calendar.UserQuotaResponse;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.TestClock;
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
 * A 429 storm on one owner (the stand-in's per-user quota of 20 calls a minute, answered 429 with Retry-After, against
 * a bulk purge of 60): the worker stops calling for that owner until Retry-After, other owners' deletions keep
 * flowing, and everything completes once the minutes pass. The minutes pass on a clock shared by worker and stand-in,
 * so the storm lasts seconds of test time instead of the two minutes.
 */
class RateLimitStormIT {

    private static final int BULK = 60;
    private static final int QUOTA = 20;
    private static final int OTHER_OWNERS = 5;

    private static final TestClock clock = new TestClock();

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(RateLimitStormIT.class)
            .standIn(CalendarStandInSettings.builder().clock(clock).build())
            .workerSettings(Map.of("deletion.worker.retry.max-attempts", "20"))
            .workerBeans(Map.of("clock", clock))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void stormOnOneOwnerSlowsOnlyThatOwnerAndEverythingCompletesAfterIt() {
        String stormyCalendar = "stormy-" + UUID.randomUUID();
        List<Block> bulk = blocksOf(pipeline.newOwner(), stormyCalendar, BULK);
        List<Block> others = new ArrayList<>();
        for (int i = 0; i < OTHER_OWNERS; i++) {
            others.addAll(blocksOf(pipeline.newOwner(), "calm-" + UUID.randomUUID(), 2));
        }
        clock.advanceToNextMinute();
        standIn.updateSettings(settings -> settings.perUserQuotaPerMinute(QUOTA)
                .userQuotaResponse(UserQuotaResponse.TOO_MANY_REQUESTS_RATE_LIMIT_EXCEEDED));

        bulk.forEach(pipeline::publishSoftDeleted);
        await().atMost(Duration.ofSeconds(20)).until(() -> rateLimited(stormyCalendar) > 0);
        others.forEach(pipeline::publishSoftDeleted);

        await().atMost(Duration.ofSeconds(15)).until(() -> others.stream().noneMatch(b -> pipeline.exists(b.id())));
        assertThat(remaining(bulk)).as("the storm is still on").isEqualTo(BULK - QUOTA);
        long callsInTheStorm = calls(stormyCalendar);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> calls(stormyCalendar) == callsInTheStorm);
        assertThat(rateLimited(stormyCalendar))
                .as("429s before the owner paused")
                .isLessThanOrEqualTo(QUOTA);

        for (int minute = 1; minute <= 4 && remaining(bulk) > 0; minute++) {
            long left = remaining(bulk);
            clock.advanceToNextMinute();
            await().atMost(Duration.ofSeconds(15)).until(() -> remaining(bulk) <= Math.max(0, left - QUOTA));
        }

        assertThat(remaining(bulk)).isZero();
        assertThat(bulk)
                .allSatisfy(b -> assertThat(pipeline.confirmations(b.id())).hasSize(1));
        assertThat(rateLimited(stormyCalendar)).as("429s over the whole storm").isLessThanOrEqualTo(3L * QUOTA);
    }

    private static List<Block> blocksOf(UUID owner, String calendar, int count) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(pipeline.softDeleted(
                    owner, calendar, events.insert(calendar), Instant.now().minusSeconds(1)));
        }
        return blocks;
    }

    private static long remaining(List<Block> blocks) {
        return blocks.stream().filter(b -> pipeline.exists(b.id())).count();
    }

    private static long calls(String calendar) {
        return deletes(calendar).size();
    }

    private static long rateLimited(String calendar) {
        return deletes(calendar).stream().filter(call -> call.status() == 429).count();
    }

    private static List<CallRecord> deletes(String calendar) {
        return standIn.calls().stream()
                .filter(call -> call.method().equals("DELETE") && calendar.equals(call.calendarId()))
                .toList();
    }
}

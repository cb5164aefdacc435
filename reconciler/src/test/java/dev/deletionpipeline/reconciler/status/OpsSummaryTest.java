package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.restore;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.common.events.LatencyPercentiles;
import dev.deletionpipeline.common.events.OpsSummary;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsSummaryTest {

    private static final Duration GRACE = Duration.ofMinutes(5);

    private TrackingFixture fixture;

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void summaryIsPublishedEverySummaryIntervalWithoutNewInput() {
        fixture = new TrackingFixture();

        fixture.advance(Duration.ofSeconds(60));
        fixture.advance(Duration.ofSeconds(60));

        var summaries = fixture.summaries.readRecordsToList();
        assertThat(summaries).hasSize(2);
        assertThat(summaries).extracting(TestRecord::key).containsOnly("global");
        assertThat(summaries.get(1).value().generatedAt()).isEqualTo(START.plusSeconds(120));
        assertThat(summaries.get(1).value().windowSeconds())
                .isEqualTo(Duration.ofMinutes(15).toSeconds());
    }

    @Test
    void summaryCountsDeletionsByStateAndDeadLettersByReason() {
        fixture = new TrackingFixture();
        BlockSoftDeleted confirmed = pipeSoftDelete(START);
        fixture.pipe(confirmation(confirmed, START.plusSeconds(400)));
        BlockSoftDeleted restored = pipeSoftDelete(START);
        fixture.pipe(restore(restored.blockId(), restored.deletionId(), START.plusSeconds(10)));
        fixture.pipeDeadLetter(pipeSoftDelete(START), "GOOGLE_403_FORBIDDEN", START.plusSeconds(400));
        fixture.pipeDeadLetter(pipeSoftDelete(START), "GOOGLE_403_FORBIDDEN", START.plusSeconds(400));
        fixture.pipeDeadLetter(pipeSoftDelete(START), "GOOGLE_400_BAD_REQUEST", START.plusSeconds(400));
        pipeSoftDelete(START);
        pipeSoftDelete(START);

        fixture.advance(Duration.ofSeconds(60));

        OpsSummary summary = fixture.summaries.readValue();
        assertThat(summary.countsByState())
                .containsEntry(DeletionState.SOFT_DELETED, 2L)
                .containsEntry(DeletionState.CONFIRMED, 1L)
                .containsEntry(DeletionState.RESTORED, 1L)
                .containsEntry(DeletionState.FAILED, 3L)
                .containsEntry(DeletionState.ORPHANED, 0L);
        assertThat(summary.deadLettersByReason())
                .isEqualTo(Map.of("GOOGLE_403_FORBIDDEN", 2L, "GOOGLE_400_BAD_REQUEST", 1L));
        assertThat(fixture.queries().summary(summary.generatedAt())).isEqualTo(summary);
    }

    @Test
    void countsFollowDeletionsThatAreOrphanedAndThenConfirmed() {
        fixture = new TrackingFixture();
        BlockSoftDeleted late = pipeSoftDelete(START);
        pipeSoftDelete(START);
        fixture.advance(Duration.ofMinutes(16));
        fixture.pipe(confirmation(late, fixture.now()));

        OpsSummary summary = fixture.queries().summary(fixture.now());

        assertThat(summary.countsByState())
                .containsEntry(DeletionState.ORPHANED, 1L)
                .containsEntry(DeletionState.CONFIRMED, 1L)
                .containsEntry(DeletionState.SOFT_DELETED, 0L);
    }

    @Test
    void oldestPendingAgeIsMeasuredOnTheWallClockFromTheOldestUnfinishedSoftDelete() {
        fixture = new TrackingFixture();
        BlockSoftDeleted oldest = pipeSoftDelete(START.minusSeconds(120));
        pipeSoftDelete(START.minusSeconds(30));
        BlockSoftDeleted finished = pipeSoftDelete(START.minusSeconds(600));
        fixture.pipe(confirmation(finished, START));

        fixture.advance(Duration.ofSeconds(60));

        assertThat(fixture.summaries.readValue().oldestPendingAgeMs())
                .isEqualTo(Duration.ofSeconds(180).toMillis());

        fixture.pipe(confirmation(oldest, fixture.now()));
        fixture.advance(Duration.ofSeconds(60));

        assertThat(fixture.summaries.readValue().oldestPendingAgeMs())
                .isEqualTo(Duration.ofSeconds(150).toMillis());
    }

    @Test
    void oldestPendingAgeIsZeroWhenNothingIsPending() {
        fixture = new TrackingFixture();
        BlockSoftDeleted request = pipeSoftDelete(START);
        fixture.pipe(restore(request.blockId(), request.deletionId(), START.plusSeconds(5)));

        assertThat(fixture.queries().summary(fixture.now()).oldestPendingAgeMs())
                .isZero();
    }

    @Test
    void alreadyGoneConfirmationsAreCountedOverTheRecentWindowSoASpikeShows() {
        fixture = new TrackingFixture();
        for (int i = 0; i < 3; i++) {
            fixture.pipe(confirmation(pipeSoftDelete(START), START.plusSeconds(5)));
        }
        for (int i = 0; i < 7; i++) {
            fixture.pipe(alreadyGone(confirmation(pipeSoftDelete(START), START.plusSeconds(5))));
        }
        BlockSoftDeleted redelivered = pipeSoftDelete(START);
        HardDeleteConfirmed twice = alreadyGone(confirmation(redelivered, START.plusSeconds(5)));
        fixture.pipe(twice);
        fixture.pipe(twice);

        fixture.advance(Duration.ofSeconds(60));

        OpsSummary summary = fixture.summaries.readValue();
        assertThat(summary.alreadyGoneInWindow())
                .as("a duplicate confirmation counts once")
                .isEqualTo(8);
        assertThat(summary.countsByState()).containsEntry(DeletionState.CONFIRMED, 11L);
        assertThat(fixture.queries().summary(summary.generatedAt())).isEqualTo(summary);

        fixture.advance(Duration.ofMinutes(10));
        fixture.pipe(alreadyGone(confirmation(pipeSoftDelete(fixture.now()), fixture.now())));
        fixture.advance(Duration.ofMinutes(6));

        assertThat(fixture.summaries.readValuesToList())
                .last()
                .extracting(OpsSummary::alreadyGoneInWindow)
                .as("the first eight left the 15-minute window, the later one is still in it")
                .isEqualTo(1L);
    }

    @Test
    void latencyPercentilesCoverTheConfirmationsOfTheRecentWindow() {
        fixture = new TrackingFixture();
        for (int seconds = 1; seconds <= 100; seconds++) {
            BlockSoftDeleted request = pipeSoftDelete(START);
            fixture.pipe(confirmation(request, START.plusSeconds(seconds)));
        }

        fixture.advance(Duration.ofSeconds(60));

        assertThat(fixture.summaries.readValue().softDeleteToConfirmMs())
                .isEqualTo(new LatencyPercentiles(50_000, 95_000, 99_000, 100));

        fixture.advance(Duration.ofMinutes(15));

        assertThat(fixture.summaries.readValuesToList())
                .last()
                .extracting(OpsSummary::softDeleteToConfirmMs)
                .as("the samples left the window")
                .isEqualTo(LatencyPercentiles.NONE);
    }

    @Test
    void latencySamplesAreBoundedKeepingTheNewest() {
        fixture = new TrackingFixture(new TrackingSettings(
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                "global",
                Duration.ofMinutes(15),
                3,
                0,
                32,
                Duration.ofDays(7)));
        for (int seconds = 1; seconds <= 5; seconds++) {
            BlockSoftDeleted request = pipeSoftDelete(START);
            fixture.pipe(confirmation(request, START.plusSeconds(seconds)));
            fixture.advance(Duration.ofMillis(1));
        }

        LatencyPercentiles latency = fixture.queries().summary(fixture.now()).softDeleteToConfirmMs();

        assertThat(latency.samples()).isEqualTo(3);
        assertThat(latency.p50()).isEqualTo(4_000);
        assertThat(latency.p99()).isEqualTo(5_000);
    }

    private BlockSoftDeleted pipeSoftDelete(java.time.Instant deletedAt) {
        BlockSoftDeleted request = softDelete(UUID.randomUUID(), UUID.randomUUID(), deletedAt, GRACE);
        fixture.pipe(request);
        return request;
    }

    private static HardDeleteConfirmed alreadyGone(HardDeleteConfirmed confirmation) {
        return new HardDeleteConfirmed(
                confirmation.eventId(),
                confirmation.sourceEventId(),
                confirmation.deletionId(),
                confirmation.blockId(),
                confirmation.ownerId(),
                confirmation.calendarId(),
                confirmation.googleEventId(),
                HardDeleteOutcome.ALREADY_GONE,
                confirmation.attempts(),
                confirmation.dependantsRemoved(),
                confirmation.softDeletedAt(),
                confirmation.claimedAt(),
                confirmation.googleAnsweredAt(),
                confirmation.hardDeletedAt());
    }
}

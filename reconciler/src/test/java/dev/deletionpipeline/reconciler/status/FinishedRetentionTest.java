package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.restore;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finished deletions are forgotten on the wall clock once their retention is over; unresolved ones never are. */
class FinishedRetentionTest {

    private static final Duration RETENTION = Duration.ofHours(2);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private TrackingFixture fixture = new TrackingFixture(TrackingFixture.SETTINGS.withFinishedRetention(RETENTION));
    private final UUID block = UUID.randomUUID();
    private final BlockSoftDeleted request = softDelete(block, UUID.randomUUID(), START, GRACE);

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void confirmedDeletionIsForgottenWithATombstoneOnceItsRetentionIsOverAndNotBefore() {
        fixture.pipe(request);
        fixture.pipe(confirmation(request, fixture.now()));
        fixture.statusValues();

        fixture.advance(RETENTION.minusMinutes(1));
        assertThat(fixture.queries().status(block)).as("not yet").isPresent();
        assertThat(fixture.statuses.isEmpty()).isTrue();

        fixture.advance(Duration.ofMinutes(2));

        assertThat(fixture.queries().status(block)).isEmpty();
        TestRecord<String, DeletionStatus> tombstone = fixture.statuses.readRecord();
        assertThat(tombstone.key()).isEqualTo(block.toString());
        assertThat(tombstone.value()).isNull();
        assertThat(fixture.queries().summary(fixture.now()).countsByState()).containsEntry(DeletionState.CONFIRMED, 0L);
        assertThat(fixture.driver.getKeyValueStore(TrackingStores.FINISHED).approximateNumEntries())
                .isZero();
    }

    @Test
    void restoredDeletionIsForgottenOnceItsRetentionIsOver() {
        fixture.pipe(request);
        fixture.pipe(restore(block, request.deletionId(), fixture.now()));
        fixture.statusValues();

        fixture.advance(RETENTION.plusMinutes(1));

        assertThat(fixture.queries().status(block)).isEmpty();
        assertThat(fixture.statuses.readRecord().value()).isNull();
    }

    @Test
    void failedOrphanedAndSoftDeletedDeletionsAreNeverForgotten() {
        fixture.close();
        fixture = new TrackingFixture(
                TrackingFixture.SETTINGS.withFinishedRetention(RETENTION).withDeadline(Duration.ofDays(365)));
        BlockSoftDeleted failed = softDelete(UUID.randomUUID(), UUID.randomUUID(), START, GRACE);
        fixture.pipe(request);
        fixture.pipe(failed);
        fixture.pipeDeadLetter(failed, "GOOGLE_403_FORBIDDEN", START);
        fixture.statusValues();

        fixture.advance(Duration.ofDays(3));

        assertThat(fixture.queries().status(block))
                .get()
                .extracting(DeletionStatus::state)
                .isEqualTo(DeletionState.SOFT_DELETED);
        assertThat(fixture.queries().status(failed.blockId()))
                .get()
                .extracting(DeletionStatus::state)
                .isEqualTo(DeletionState.FAILED);
        assertThat(fixture.statuses.isEmpty()).as("no tombstone").isTrue();
    }

    @Test
    void orphanedDeletionIsNeverForgotten() {
        fixture.pipe(request);
        fixture.advance(Duration.ofMinutes(16));
        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED, DeletionState.ORPHANED);

        fixture.advance(Duration.ofDays(3));

        assertThat(fixture.queries().status(block))
                .get()
                .extracting(DeletionStatus::state)
                .isEqualTo(DeletionState.ORPHANED);
        assertThat(fixture.queries().openOrphans(10)).hasSize(1);
        assertThat(fixture.statuses.isEmpty()).isTrue();
    }

    @Test
    void replayOfAForgottenDeletionCreatesNoStatusAndNoFalseOrphan() {
        var confirmed = confirmation(request, fixture.now());
        fixture.pipe(request);
        fixture.pipe(confirmed);
        fixture.advance(RETENTION.plusMinutes(1));
        fixture.statusValues();

        fixture.pipe(request);
        fixture.pipe(confirmed);
        fixture.advance(Duration.ofHours(1));

        assertThat(fixture.queries().status(block)).isEmpty();
        assertThat(fixture.statuses.isEmpty()).isTrue();
        assertThat(fixture.orphans.isEmpty()).isTrue();
        assertThat(fixture.queries().summary(fixture.now()).countsByState())
                .containsEntry(DeletionState.SOFT_DELETED, 0L)
                .containsEntry(DeletionState.ORPHANED, 0L);
    }

    @Test
    void restoredBlockSoftDeletedAgainIsNotForgottenByTheRestoresIndexEntry() {
        fixture.pipe(request);
        fixture.pipe(restore(block, request.deletionId(), fixture.now()));
        fixture.advance(Duration.ofMinutes(1));
        BlockSoftDeleted again = softDelete(block, UUID.randomUUID(), fixture.now(), Duration.ofDays(30));
        fixture.pipe(again);
        fixture.statusValues();

        fixture.advance(RETENTION.plusMinutes(5));

        assertThat(fixture.queries().status(block)).get().satisfies(status -> {
            assertThat(status.state()).isEqualTo(DeletionState.SOFT_DELETED);
            assertThat(status.deletionId()).isEqualTo(again.deletionId());
        });
        assertThat(fixture.statuses.isEmpty()).isTrue();
        assertThat(fixture.driver.getKeyValueStore(TrackingStores.FINISHED).approximateNumEntries())
                .as("the stale index entry was dropped")
                .isZero();
    }

    @Test
    void sweepRedriveOfAnOldUntrackedDeletionIsTrackedWithAWholeDeadlineFromNow() {
        fixture.advance(RETENTION.plusHours(1));
        BlockSoftDeleted redrive = new BlockSoftDeleted(
                UUID.randomUUID(),
                request.deletionId(),
                block,
                request.ownerId(),
                request.calendarId(),
                request.googleEventId(),
                null,
                null,
                request.kind(),
                request.deletedAt(),
                request.purgeAfter(),
                request.eventId());

        fixture.pipe(redrive);
        fixture.advance(Duration.ofMinutes(9));

        List<DeletionStatus> statuses = fixture.statusValues();
        assertThat(statuses).extracting(DeletionStatus::state).containsExactly(DeletionState.SOFT_DELETED);
        assertThat(fixture.orphans.isEmpty()).as("a whole deadline from now").isTrue();
        fixture.advance(Duration.ofMinutes(2));
        assertThat(fixture.orphans.readValue().blockId()).isEqualTo(block);
    }
}

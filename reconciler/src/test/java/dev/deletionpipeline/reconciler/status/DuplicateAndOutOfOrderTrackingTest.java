package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.restore;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DuplicateAndOutOfOrderTrackingTest {

    private TrackingFixture fixture;
    private final UUID block = UUID.randomUUID();
    private final UUID deletion = UUID.randomUUID();
    private final BlockSoftDeleted request = softDelete(block, deletion, START, Duration.ofMinutes(5));

    @BeforeEach
    void startDriver() {
        fixture = new TrackingFixture();
    }

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void duplicateSoftDeleteChangesNothing() {
        fixture.pipe(request);
        fixture.pipe(request);

        assertThat(fixture.statusValues()).hasSize(1);
    }

    @Test
    void duplicateConfirmationChangesNothingAndCountsOnce() {
        HardDeleteConfirmed confirmed = confirmation(request, START.plus(Duration.ofMinutes(6)));
        fixture.pipe(request);
        fixture.pipe(confirmed);
        fixture.pipe(confirmed);

        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED, DeletionState.CONFIRMED);
        assertThat(fixture.queries()
                        .summary(fixture.now())
                        .softDeleteToConfirmMs()
                        .samples())
                .isEqualTo(1);
    }

    @Test
    void duplicateRestoreAfterANewDeletionDoesNotUndoIt() {
        var restored = restore(block, deletion, START.plusSeconds(10));
        fixture.pipe(request);
        fixture.pipe(restored);
        fixture.pipe(softDelete(block, UUID.randomUUID(), START.plusSeconds(20), Duration.ofMinutes(5)));

        fixture.pipe(restored);

        assertThat(fixture.queries().status(block).map(DeletionStatus::state)).contains(DeletionState.SOFT_DELETED);
    }

    @Test
    void confirmationBeforeItsSoftDeleteEndsConfirmed() {
        HardDeleteConfirmed confirmed = confirmation(request, START.plus(Duration.ofMinutes(6)));

        fixture.pipe(confirmed);
        fixture.pipe(request);

        List<DeletionStatus> statuses = fixture.statusValues();
        assertThat(statuses).extracting(DeletionStatus::state).containsOnly(DeletionState.CONFIRMED);
        assertThat(statuses.get(0).softDeletedAt()).isEqualTo(request.deletedAt());
        assertThat(statuses.get(statuses.size() - 1).purgeAfter())
                .as("the late soft delete tells the grace period")
                .isEqualTo(request.purgeAfter());
    }

    @Test
    void softDeleteAfterConfirmationOfTheSameDeletionDoesNotReopenIt() {
        fixture.pipe(request);
        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(6))));
        fixture.statusValues();
        BlockSoftDeleted reemitted = new BlockSoftDeleted(
                UUID.randomUUID(),
                deletion,
                block,
                request.ownerId(),
                request.calendarId(),
                request.googleEventId(),
                null,
                null,
                request.kind(),
                request.deletedAt(),
                request.purgeAfter(),
                null);

        fixture.pipe(reemitted);
        fixture.advance(Duration.ofMinutes(30));

        assertThat(fixture.statuses.isEmpty()).isTrue();
        assertThat(fixture.orphans.isEmpty())
                .as("a finished deletion has no deadline")
                .isTrue();
        assertThat(fixture.queries().status(block).map(DeletionStatus::state)).contains(DeletionState.CONFIRMED);
    }

    @Test
    void restoreBeforeItsSoftDeleteEndsRestoredAndIsPublishedOnceTheSoftDeleteIsKnown() {
        fixture.pipe(restore(block, deletion, START.plusSeconds(30)));

        assertThat(fixture.statuses.isEmpty())
                .as("a status needs the soft delete's time, which only the soft delete tells")
                .isTrue();

        fixture.pipe(request);
        fixture.advance(Duration.ofMinutes(30));

        assertThat(fixture.statusValues()).extracting(DeletionStatus::state).containsExactly(DeletionState.RESTORED);
        assertThat(fixture.orphans.isEmpty()).isTrue();
    }

    @Test
    void lateSoftDeleteOfAnOlderDeletionIsIgnored() {
        UUID newerDeletion = UUID.randomUUID();
        BlockSoftDeleted newer = softDelete(block, newerDeletion, START.plusSeconds(60), Duration.ofMinutes(5));
        fixture.pipe(newer);
        fixture.statusValues();

        fixture.pipe(request);
        fixture.pipe(restore(block, deletion, START.plusSeconds(30)));

        assertThat(fixture.statuses.isEmpty()).isTrue();
        assertThat(fixture.queries().status(block)).get().satisfies(status -> {
            assertThat(status.deletionId()).isEqualTo(newerDeletion);
            assertThat(status.state()).isEqualTo(DeletionState.SOFT_DELETED);
        });
    }

    @Test
    void confirmationOfANewerDeletionReplacesAnOlderOneWhoseRestoreWasNeverSeen() {
        BlockSoftDeleted newer = softDelete(block, UUID.randomUUID(), START.plusSeconds(60), Duration.ofMinutes(5));
        fixture.pipe(request);

        fixture.pipe(confirmation(newer, START.plus(Duration.ofMinutes(7))));

        assertThat(fixture.queries().status(block)).get().satisfies(status -> {
            assertThat(status.deletionId()).isEqualTo(newer.deletionId());
            assertThat(status.state()).isEqualTo(DeletionState.CONFIRMED);
        });
        assertThat(fixture.queries().summary(fixture.now()).countsByState())
                .containsEntry(DeletionState.SOFT_DELETED, 0L)
                .containsEntry(DeletionState.CONFIRMED, 1L);
    }
}

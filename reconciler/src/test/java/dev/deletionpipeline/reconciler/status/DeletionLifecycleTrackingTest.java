package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.restore;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletionLifecycleTrackingTest {

    private TrackingFixture fixture;
    private final UUID block = UUID.randomUUID();
    private final UUID deletion = UUID.randomUUID();

    @BeforeEach
    void startDriver() {
        fixture = new TrackingFixture();
    }

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void softDeletePublishesSoftDeletedStatusKeyedByBlockWithCloudEventHeaders() {
        BlockSoftDeleted request = softDelete(block, deletion, START, Duration.ofMinutes(5));

        fixture.pipe(request);

        TestRecord<String, DeletionStatus> published = fixture.statuses.readRecord();
        assertThat(published.key()).isEqualTo(block.toString());
        DeletionStatus status = published.value();
        assertThat(status.state()).isEqualTo(DeletionState.SOFT_DELETED);
        assertThat(status.deletionId()).isEqualTo(deletion);
        assertThat(status.softDeletedAt()).isEqualTo(request.deletedAt());
        assertThat(status.purgeAfter()).isEqualTo(request.purgeAfter());
        assertThat(status.lastEventId()).isEqualTo(request.eventId());
        assertThat(ContractCloudEvents.readFrom(published.headers())).get().satisfies(ce -> {
            assertThat(ce.getType()).isEqualTo(EventTypes.typeOf(DeletionStatus.class));
            assertThat(ce.getSource()).hasToString(OutboundRecords.SOURCE);
        });
        assertThat(fixture.queries().status(block)).contains(status);
    }

    @Test
    void confirmationOfSoftDeletedBlockMovesItToConfirmed() {
        BlockSoftDeleted request = softDelete(block, deletion, START, Duration.ofMinutes(5));
        HardDeleteConfirmed confirmed = confirmation(request, START.plus(Duration.ofMinutes(6)));

        fixture.pipe(request);
        fixture.pipe(confirmed);

        List<DeletionStatus> statuses = fixture.statusValues();
        assertThat(statuses)
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED, DeletionState.CONFIRMED);
        DeletionStatus last = statuses.get(1);
        assertThat(last.confirmedAt()).isEqualTo(confirmed.hardDeletedAt());
        assertThat(last.lastEventId()).isEqualTo(confirmed.eventId());
        assertThat(last.purgeAfter()).isEqualTo(request.purgeAfter());
    }

    @Test
    void restoreOfSoftDeletedBlockMovesItToRestored() {
        fixture.pipe(softDelete(block, deletion, START, Duration.ofMinutes(5)));
        fixture.pipe(restore(block, deletion, START.plusSeconds(30)));

        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED, DeletionState.RESTORED);
    }

    @Test
    void restoreOfConfirmedDeletionChangesNothing() {
        BlockSoftDeleted request = softDelete(block, deletion, START, Duration.ofMinutes(5));
        fixture.pipe(request);
        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(6))));
        fixture.statusValues();

        fixture.pipe(restore(block, deletion, START.plus(Duration.ofMinutes(7))));

        assertThat(fixture.statuses.isEmpty()).isTrue();
        assertThat(fixture.queries().status(block))
                .get()
                .extracting(DeletionStatus::state)
                .isEqualTo(DeletionState.CONFIRMED);
    }

    @Test
    void confirmationAfterRestoreOfSameDeletionEndsConfirmedBecauseTheRowsAreGone() {
        BlockSoftDeleted request = softDelete(block, deletion, START, Duration.ofMinutes(5));
        fixture.pipe(request);
        fixture.pipe(restore(block, deletion, START.plusSeconds(30)));

        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(6))));

        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED, DeletionState.RESTORED, DeletionState.CONFIRMED);
    }

    @Test
    void newDeletionAfterRestoreStartsANewDeletion() {
        UUID secondDeletion = UUID.randomUUID();
        fixture.pipe(softDelete(block, deletion, START, Duration.ofMinutes(5)));
        fixture.pipe(restore(block, deletion, START.plusSeconds(30)));
        BlockSoftDeleted again = softDelete(block, secondDeletion, START.plusSeconds(60), Duration.ofMinutes(5));

        fixture.pipe(again);
        fixture.pipe(confirmation(again, START.plus(Duration.ofMinutes(7))));

        List<DeletionStatus> statuses = fixture.statusValues();
        assertThat(statuses)
                .extracting(DeletionStatus::state, DeletionStatus::deletionId)
                .containsExactly(
                        tuple(DeletionState.SOFT_DELETED, deletion),
                        tuple(DeletionState.RESTORED, deletion),
                        tuple(DeletionState.SOFT_DELETED, secondDeletion),
                        tuple(DeletionState.CONFIRMED, secondDeletion));
        assertThat(statuses.get(2).softDeletedAt()).isEqualTo(again.deletedAt());
    }

    @Test
    void deletionsOfDifferentBlocksAreTrackedApart() {
        UUID otherBlock = UUID.randomUUID();
        BlockSoftDeleted request = softDelete(block, deletion, START, Duration.ofMinutes(5));
        fixture.pipe(request);
        fixture.pipe(softDelete(otherBlock, deletion, START, Duration.ofMinutes(5)));

        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(6))));

        assertThat(fixture.queries().status(block).map(DeletionStatus::state)).contains(DeletionState.CONFIRMED);
        assertThat(fixture.queries().status(otherBlock).map(DeletionStatus::state))
                .contains(DeletionState.SOFT_DELETED);
        assertThat(fixture.queries().status(UUID.randomUUID())).isEmpty();
    }
}

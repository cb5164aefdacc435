package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A held deletion is HELD on {@code deletion.status.v1} and raises no timeout however long the hold lasts; its release
 * makes it SOFT_DELETED again with a whole deadline counted from the release (grace 5 min, deadline 10 min here).
 */
class LegalHoldTrackingTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final UUID HOLD = UUID.randomUUID();

    private final TrackingFixture fixture = new TrackingFixture();
    private final UUID block = UUID.randomUUID();
    private final BlockSoftDeleted request = softDelete(block, UUID.randomUUID(), START, GRACE);

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void aHeldDeletionHasNoDeadlineUntilItsReleaseAndAWholeOneFromIt() {
        fixture.pipe(request);
        fixture.pipe(new BlockHeld(UUID.randomUUID(), request.deletionId(), block, request.ownerId(), HOLD, START));

        List<DeletionStatus> statuses = fixture.statusValues();
        assertThat(statuses).last().extracting(DeletionStatus::state).isEqualTo(DeletionState.HELD);

        fixture.advance(Duration.ofHours(2));
        assertThat(fixture.orphans.isEmpty()).as("no timeout while held").isTrue();

        Instant releasedAt = fixture.now();
        fixture.pipe(new BlockHoldReleased(
                UUID.randomUUID(), request.deletionId(), block, request.ownerId(), HOLD, releasedAt));
        assertThat(fixture.statusValues())
                .last()
                .extracting(DeletionStatus::state)
                .isEqualTo(DeletionState.SOFT_DELETED);

        fixture.advance(Duration.ofMinutes(9).plusSeconds(30));
        assertThat(fixture.orphans.isEmpty())
                .as("the deadline counts from the release")
                .isTrue();

        fixture.advance(Duration.ofMinutes(1));
        OrphanDetected orphan = fixture.orphans.readValue();
        assertThat(orphan.type()).isEqualTo(OrphanType.UNCONFIRMED_TIMEOUT);
        assertThat(orphan.blockId()).isEqualTo(block);
    }

    @Test
    void aHoldOnAnotherDeletionOrOnAFinishedOneChangesNothing() {
        fixture.pipe(request);
        fixture.pipe(TrackingFixture.confirmation(request, START.plus(GRACE)));
        fixture.statusValues();

        fixture.pipe(new BlockHeld(UUID.randomUUID(), request.deletionId(), block, request.ownerId(), HOLD, START));
        fixture.pipe(new BlockHeld(UUID.randomUUID(), UUID.randomUUID(), block, request.ownerId(), HOLD, START));

        assertThat(fixture.statusValues()).isEmpty();
    }
}

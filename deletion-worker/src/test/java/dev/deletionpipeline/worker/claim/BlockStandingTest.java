package dev.deletionpipeline.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.worker.claim.BlockStates.BlockStanding;
import dev.deletionpipeline.worker.claim.BlockStates.Unclaimed;
import dev.deletionpipeline.worker.claim.BlockStates.UnclaimedFate;
import dev.deletionpipeline.worker.tasks.DeletionTask;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BlockStandingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID DELETION = UUID.randomUUID();
    private static final Duration HELD_RECHECK = Duration.ofMinutes(1);
    private static final DeletionTask TASK = new DeletionTask(
            UUID.randomUUID(), UUID.randomUUID(), DELETION, UUID.randomUUID(), "calendar", "event", NOW, null);

    @Test
    void aConfirmedBlockNeedsNothingMore() {
        BlockStanding gone = new BlockStanding(false, null, null, null, null, false, true, false);

        assertThat(gone.decide(TASK, NOW, HELD_RECHECK).fate()).isEqualTo(UnclaimedFate.ALREADY_CONFIRMED);
    }

    @Test
    void aBlockRemovedWithItsParentGetsItsOwnConfirmationLater() {
        BlockStanding removed = new BlockStanding(false, null, null, null, null, false, false, true);

        assertThat(removed.decide(TASK, NOW, HELD_RECHECK).fate()).isEqualTo(UnclaimedFate.REMOVED_AS_DEPENDANT);
    }

    @Test
    void aRestoredBlockEndsTheTask() {
        BlockStanding restored = new BlockStanding(true, null, DELETION, null, null, false, false, false);

        assertThat(restored.decide(TASK, NOW, HELD_RECHECK).fate()).isEqualTo(UnclaimedFate.DROP);
    }

    @Test
    void aBlockDeletedAgainUnderAnotherDeletionEndsTheOlderTask() {
        BlockStanding redeleted =
                new BlockStanding(true, BlockState.SOFT_DELETED, UUID.randomUUID(), NOW, null, false, false, false);

        assertThat(redeleted.decide(TASK, NOW, HELD_RECHECK).fate()).isEqualTo(UnclaimedFate.DROP);
    }

    @Test
    void aFailedBlockEndsTheTask() {
        BlockStanding failed = new BlockStanding(true, BlockState.FAILED, DELETION, NOW, null, false, false, false);

        assertThat(failed.decide(TASK, NOW, HELD_RECHECK).fate()).isEqualTo(UnclaimedFate.DROP);
    }

    @Test
    void aBlockClaimedByAnotherAttemptIsLookedAtAgainWhenItsLeaseEnds() {
        Instant leaseEnd = NOW.plusSeconds(90);
        BlockStanding claimed =
                new BlockStanding(true, BlockState.CLAIMED, DELETION, NOW, leaseEnd, false, false, false);

        Unclaimed decision = claimed.decide(TASK, NOW, HELD_RECHECK);

        assertThat(decision.task()).isSameAs(TASK);
        assertThat(decision.fate()).isEqualTo(UnclaimedFate.WAIT);
        assertThat(decision.retryAt()).isEqualTo(leaseEnd);
    }

    @Test
    void aBlockWhoseGracePeriodWasExtendedWaitsForIt() {
        Instant purgeAfter = NOW.plusSeconds(3600);
        BlockStanding extended =
                new BlockStanding(true, BlockState.SOFT_DELETED, DELETION, purgeAfter, null, false, false, false);

        assertThat(extended.decide(TASK, NOW, HELD_RECHECK).retryAt()).isEqualTo(purgeAfter);
    }

    @Test
    void aHeldBlockWaitsForItsReleaseOrTheNextRecheck() {
        BlockStanding held = new BlockStanding(true, BlockState.SOFT_DELETED, DELETION, NOW, null, true, false, false);

        Unclaimed decision = held.decide(TASK, NOW, HELD_RECHECK);

        assertThat(decision.fate()).isEqualTo(UnclaimedFate.HELD);
        assertThat(decision.retryAt()).isEqualTo(NOW.plus(HELD_RECHECK));
    }

    @Test
    void aHeldBlockRestoredMeanwhileEndsTheTask() {
        BlockStanding restored = new BlockStanding(true, null, DELETION, null, null, true, false, false);

        assertThat(restored.decide(TASK, NOW, HELD_RECHECK).fate()).isEqualTo(UnclaimedFate.DROP);
    }
}

package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.OWNER;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deadline counts from the worker's quota wait estimate when that is later than from purgeAfter; without one, the
 * deadline is today's. purgeAfter = START + 5 min, deadline 10 min → due at START + 15 min without an estimate.
 */
class QuotaWaitDeadlineTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Instant ESTIMATED_FINISH = START.plus(Duration.ofMinutes(40));

    private final TrackingFixture fixture = new TrackingFixture(TrackingFixture.SETTINGS.withMaxRedrives(1));
    private final UUID deletion = UUID.randomUUID();
    private final BlockSoftDeleted request = softDelete(UUID.randomUUID(), deletion, START, GRACE);

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void aDeletionWaitingForQuotaIsNeitherReDrivenNorOrphanedBeforeItsEstimatePlusTheDeadline() {
        fixture.pipe(request);
        fixture.pipe(estimate(ESTIMATED_FINISH, 7_400));
        fixture.statusValues();

        fixture.advance(Duration.ofMinutes(16));

        assertThat(fixture.orphans.isEmpty())
                .as("no orphan at purgeAfter + deadline")
                .isTrue();
        assertThat(fixture.redriveRequests.isEmpty())
                .as("no re-drive at purgeAfter + deadline")
                .isTrue();
        DeletionStatus waiting = fixture.statuses.readValue();
        assertThat(waiting.state()).isEqualTo(DeletionState.WAITING_FOR_QUOTA);
        assertThat(waiting.estimatedFinish()).isEqualTo(ESTIMATED_FINISH);
        assertThat(fixture.queries().status(request.blockId())).contains(waiting);

        fixture.advance(Duration.ofMinutes(33)); // START + 49 min: estimate + 9 min
        assertThat(fixture.redriveRequests.isEmpty())
                .as("still within estimate + deadline")
                .isTrue();

        fixture.advance(Duration.ofMinutes(2)); // START + 51 min: past estimate + 10 min
        assertThat(fixture.redriveRequests.readValue().blockId()).isEqualTo(request.blockId());
        assertThat(fixture.orphans.readValue().type()).isEqualTo(OrphanType.UNCONFIRMED_TIMEOUT);
    }

    @Test
    void aLaterEstimateMovesTheDeadlineAgainAndAConfirmationEndsTheWait() {
        fixture.pipe(request);
        fixture.pipe(estimate(ESTIMATED_FINISH, 7_400));
        fixture.advance(Duration.ofMinutes(16));
        Instant later = ESTIMATED_FINISH.plus(Duration.ofMinutes(20));
        fixture.pipe(estimate(later, 3_000));
        fixture.statusValues();

        fixture.advance(Duration.ofMinutes(36)); // START + 52 min: past the first estimate + deadline
        assertThat(fixture.redriveRequests.isEmpty()).isTrue();
        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state, DeletionStatus::estimatedFinish)
                .containsExactly(tuple(DeletionState.WAITING_FOR_QUOTA, later));

        fixture.pipe(confirmation(request, fixture.now()));
        DeletionStatus confirmed = fixture.statuses.readValue();
        assertThat(confirmed.state()).isEqualTo(DeletionState.CONFIRMED);
        assertThat(confirmed.estimatedFinish()).isNull();
    }

    @Test
    void withoutAnEstimateTheDeadlineCountsFromPurgeAfterAsBefore() {
        fixture.pipe(request);
        fixture.pipe(estimate(ESTIMATED_FINISH, 10));
        fixture.pipeQuotaWaitOver(deletion); // the worker's tombstone: the wait is over
        fixture.pipe(softDelete(UUID.randomUUID(), UUID.randomUUID(), START, GRACE)); // a deletion never estimated

        fixture.advance(Duration.ofMinutes(14).plusSeconds(50));
        assertThat(fixture.redriveRequests.isEmpty()).as("not yet due").isTrue();

        fixture.advance(Duration.ofSeconds(40));

        assertThat(fixture.redriveRequests.readValuesToList()).hasSize(2);
    }

    @Test
    void anEstimateEarlierThanTheDeadlineChangesNothing() {
        fixture.pipe(request);
        fixture.pipe(estimate(START.plus(Duration.ofMinutes(4)), 10)); // + deadline = START + 14 min < now at check

        fixture.advance(Duration.ofMinutes(15).plusSeconds(30));

        assertThat(fixture.redriveRequests.readValuesToList()).hasSize(1);
    }

    @Test
    void theSummaryCountsWhatWaitsForQuotaAndWhenItWillBeDone() {
        Instant sooner = START.plus(Duration.ofMinutes(20));
        fixture.pipe(estimate(ESTIMATED_FINISH, 7_400));
        fixture.pipe(new QuotaWaitEstimated(UUID.randomUUID(), UUID.randomUUID(), OWNER, 600, sooner, START));
        fixture.pipe(new QuotaWaitEstimated(
                UUID.randomUUID(), UUID.randomUUID(), OWNER, 99, START.minusSeconds(1), START)); // already over

        fixture.advance(Duration.ofSeconds(60));

        List<OpsSummary> summaries = fixture.summaries.readValuesToList();
        OpsSummary summary = summaries.get(summaries.size() - 1);
        assertThat(summary.deletionsWaitingForQuota()).isEqualTo(2);
        assertThat(summary.blocksWaitingForQuota()).isEqualTo(8_000);
        assertThat(summary.quotaWaitsDoneBy()).isEqualTo(ESTIMATED_FINISH);
        assertThat(fixture.queries().summary(fixture.now()).blocksWaitingForQuota())
                .isEqualTo(8_000);
    }

    private QuotaWaitEstimated estimate(Instant finish, int blocks) {
        return new QuotaWaitEstimated(UUID.randomUUID(), deletion, OWNER, blocks, finish, fixture.now());
    }
}

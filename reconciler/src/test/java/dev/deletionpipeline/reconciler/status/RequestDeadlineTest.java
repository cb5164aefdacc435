package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.restore;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.events.RedriveRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The legal clock of deletion requests: the reconciler reports a request that is unfinished near its {@code dueBy}
 * (at risk) and past it (missed), once per request and class, and counts both in the ops summary. Time is the
 * driver's wall clock; the fixture checks deadlines every 30 s and publishes a summary every 60 s.
 */
class RequestDeadlineTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration AT_RISK_BEFORE = Duration.ofDays(7);
    private static final Duration PUNCTUATION = TrackingFixture.SETTINGS.punctuationInterval();
    private static final Duration SUMMARY = TrackingFixture.SETTINGS.summaryInterval();
    private static final Set<OrphanType> DEADLINE_TYPES =
            Set.of(OrphanType.DEADLINE_AT_RISK, OrphanType.DEADLINE_MISSED);

    private TrackingFixture fixture = new TrackingFixture();
    private final UUID deletion = UUID.randomUUID();
    private OpsSummary latestSummary;

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void aPendingRequestPastItsDueByIsReportedMissedOnceAndCountedInTheSummaryWithinOnePunctuation() {
        UUID first = new UUID(0, 1);
        UUID second = new UUID(0, 2);
        Instant dueBy = START.minus(Duration.ofHours(1));
        fixture.pipe(softDelete(second, deletion, START, GRACE, dueBy));
        fixture.pipe(softDelete(first, deletion, START, GRACE, dueBy));

        fixture.advance(PUNCTUATION);

        List<TestRecord<String, OrphanDetected>> reports = deadlineReports();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).key()).as("key = deletion id").isEqualTo(deletion.toString());
        OrphanDetected missed = reports.get(0).value();
        assertThat(missed.type()).isEqualTo(OrphanType.DEADLINE_MISSED);
        assertThat(missed.action()).isEqualTo(OrphanAction.REPORTED);
        assertThat(missed.deletionId()).isEqualTo(deletion);
        assertThat(missed.blockId()).as("the first pending block").isEqualTo(first);
        assertThat(missed.reason())
                .contains(dueBy.toString(), "2 block(s) pending", first.toString(), second.toString());
        fixture.advance(SUMMARY);
        assertThat(lastSummary().deadlinesMissed()).isEqualTo(1);
        assertThat(lastSummary().deadlinesAtRisk()).isZero();
    }

    @Test
    void aRequestNearItsDueByIsAtRiskThenMissedEachReportedOnceAndTheCountsMoveFromOneToTheOther() {
        UUID block = UUID.randomUUID();
        Instant dueBy = START.plus(AT_RISK_BEFORE).plus(Duration.ofMinutes(2));
        fixture.pipe(softDelete(block, deletion, START, GRACE, dueBy));

        fixture.advance(Duration.ofMinutes(1));
        assertThat(deadlineReports()).as("more than 7 days before dueBy").isEmpty();
        fixture.advance(Duration.ofMinutes(1).plus(PUNCTUATION));

        List<TestRecord<String, OrphanDetected>> atRisk = deadlineReports();
        assertThat(atRisk).extracting(r -> r.value().type()).containsExactly(OrphanType.DEADLINE_AT_RISK);
        assertThat(atRisk.get(0).value().blockId()).isEqualTo(block);
        fixture.advance(SUMMARY);
        assertThat(lastSummary().deadlinesAtRisk()).isEqualTo(1);
        assertThat(lastSummary().deadlinesMissed()).isZero();

        fixture.advance(AT_RISK_BEFORE);

        assertThat(deadlineReports()).extracting(r -> r.value().type()).containsExactly(OrphanType.DEADLINE_MISSED);
        fixture.advance(SUMMARY);
        assertThat(lastSummary().deadlinesAtRisk()).isZero();
        assertThat(lastSummary().deadlinesMissed()).isEqualTo(1);
    }

    @Test
    void aHeldBlockRaisesNoDeadlineAlarmAndCountsAgainstTheOriginalDueByOnceReleased() {
        UUID held = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        BlockSoftDeleted request = softDelete(held, deletion, START, GRACE, START.plus(Duration.ofHours(1)));
        fixture.pipe(request);
        fixture.pipe(new BlockHeld(UUID.randomUUID(), deletion, held, request.ownerId(), hold, START.plusSeconds(1)));

        fixture.advance(AT_RISK_BEFORE.plus(Duration.ofHours(2)));
        fixture.advance(SUMMARY);

        assertThat(deadlineReports())
                .as("held past its dueBy: the hold suspends the duty to erase")
                .isEmpty();
        assertThat(lastSummary().deadlinesMissed()).isZero();
        assertThat(lastSummary().deadlinesAtRisk()).isZero();

        fixture.pipe(new BlockHoldReleased(UUID.randomUUID(), deletion, held, request.ownerId(), hold, fixture.now()));
        fixture.advance(PUNCTUATION);
        fixture.advance(SUMMARY);

        assertThat(deadlineReports()).extracting(r -> r.value().type()).containsExactly(OrphanType.DEADLINE_MISSED);
        assertThat(lastSummary().deadlinesMissed()).isEqualTo(1);
    }

    @Test
    void aRequestThatFinishesBeforeItsDueByRaisesNeitherReport() {
        UUID confirmed = UUID.randomUUID();
        UUID restored = UUID.randomUUID();
        Instant dueBy = START.plus(AT_RISK_BEFORE).plus(Duration.ofHours(1));
        BlockSoftDeleted request = softDelete(confirmed, deletion, START, GRACE, dueBy);
        fixture.pipe(request);
        fixture.pipe(softDelete(restored, deletion, START, GRACE, dueBy));
        fixture.pipe(confirmation(request, START.plus(GRACE).plusSeconds(5)));
        fixture.pipe(restore(restored, deletion, START.plusSeconds(10)));

        fixture.advance(AT_RISK_BEFORE.plus(Duration.ofHours(2)));
        fixture.advance(SUMMARY);

        assertThat(deadlineReports()).isEmpty();
        assertThat(lastSummary().deadlinesAtRisk()).isZero();
        assertThat(lastSummary().deadlinesMissed()).isZero();
    }

    @Test
    void aRequestFinishedLateStopsCountingAndRaisesNothingMore() {
        UUID block = UUID.randomUUID();
        BlockSoftDeleted request = softDelete(block, deletion, START, GRACE, START.minusSeconds(1));
        fixture.pipe(request);
        fixture.advance(PUNCTUATION);
        fixture.advance(SUMMARY);
        assertThat(lastSummary().deadlinesMissed()).isEqualTo(1);

        fixture.pipe(confirmation(request, fixture.now()));
        fixture.advance(SUMMARY);

        assertThat(lastSummary().deadlinesMissed()).isZero();
        assertThat(deadlineReports()).extracting(r -> r.value().type()).containsExactly(OrphanType.DEADLINE_MISSED);
    }

    @Test
    void duplicatesAndReplaysRaiseNoSecondReport() {
        UUID block = UUID.randomUUID();
        BlockSoftDeleted request = softDelete(block, deletion, START, GRACE, START.minusSeconds(1));
        fixture.pipe(request);
        fixture.advance(PUNCTUATION);
        List<TestRecord<String, OrphanDetected>> first = deadlineReports();
        assertThat(first).hasSize(1);

        fixture.pipe(request);
        fixture.pipe(softDelete(block, deletion, START, GRACE, START.minusSeconds(1)));
        fixture.advance(Duration.ofMinutes(30));
        fixture.advance(SUMMARY);

        assertThat(deadlineReports())
                .as("a redelivery and a replay of the soft delete")
                .isEmpty();
        assertThat(lastSummary().deadlinesMissed()).isEqualTo(1);
    }

    @Test
    void aBlockStillPendingAfterItsSiblingIsConfirmedKeepsTheRequestMissedAndIsTheOneNamed() {
        UUID done = new UUID(0, 1);
        UUID waiting = new UUID(0, 2);
        Instant dueBy = START.plus(Duration.ofMinutes(10));
        BlockSoftDeleted doneRequest = softDelete(done, deletion, START, GRACE, dueBy);
        fixture.pipe(doneRequest);
        fixture.pipe(softDelete(waiting, deletion, START, GRACE, dueBy));
        fixture.advance(PUNCTUATION);
        assertThat(deadlineReports()).extracting(r -> r.value().type()).containsExactly(OrphanType.DEADLINE_AT_RISK);
        fixture.pipe(confirmation(doneRequest, START.plus(GRACE).plusSeconds(1)));

        fixture.advance(Duration.ofMinutes(10).plus(PUNCTUATION));

        List<TestRecord<String, OrphanDetected>> missed = deadlineReports();
        assertThat(missed).extracting(r -> r.value().type()).containsExactly(OrphanType.DEADLINE_MISSED);
        assertThat(missed.get(0).value().blockId()).isEqualTo(waiting);
        assertThat(missed.get(0).value().reason())
                .contains("1 block(s) pending")
                .doesNotContain(done.toString());
    }

    /** The re-drive's row, with the request's dueBy, is written by the redrive package (RedriveRequestIT). */
    @Test
    void anUnconfirmedBlockOfARequestIsAskedToBeReDrivenWithinItsDeletion() {
        fixture.close();
        fixture = new TrackingFixture(TrackingFixture.SETTINGS.withMaxRedrives(1));
        Instant dueBy = START.plus(Duration.ofDays(30));
        BlockSoftDeleted request = softDelete(UUID.randomUUID(), deletion, START, GRACE, dueBy);
        fixture.pipe(request);

        fixture.advance(GRACE.plus(TrackingFixture.SETTINGS.deadline()).plus(PUNCTUATION));

        RedriveRequested redrive = fixture.redriveRequests.readValue();
        assertThat(redrive.redriveOf()).isEqualTo(request.eventId());
        assertThat(redrive.deletionId()).isEqualTo(deletion);
    }

    @Test
    void aRequestWithoutDueByIsNotJudged() {
        fixture.pipe(softDelete(UUID.randomUUID(), deletion, START, GRACE));

        fixture.advance(Duration.ofDays(60));
        fixture.advance(SUMMARY);

        assertThat(deadlineReports()).isEmpty();
        assertThat(lastSummary().deadlinesMissed()).isZero();
    }

    private List<TestRecord<String, OrphanDetected>> deadlineReports() {
        return fixture.orphans.readRecordsToList().stream()
                .filter(r -> DEADLINE_TYPES.contains(r.value().type()))
                .toList();
    }

    /** The latest summary published; it must have been published at the current wall clock time. */
    private OpsSummary lastSummary() {
        List<OpsSummary> summaries = fixture.summaries.readValuesToList();
        if (!summaries.isEmpty()) {
            latestSummary = summaries.get(summaries.size() - 1);
        }
        assertThat(latestSummary).as("a summary was published").isNotNull();
        assertThat(latestSummary.generatedAt()).isAfter(fixture.now().minus(SUMMARY));
        return latestSummary;
    }
}

package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.restore;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.cloudevents.ContractCloudEvents;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.events.RedriveRequested;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines are checked on the wall clock: these tests only advance it, with no record piped after the soft delete. */
class DeadlineExpiryTest {

    /** purgeAfter = START + 5 min, deadline 10 min → due at START + 15 min. */
    private static final Duration GRACE = Duration.ofMinutes(5);

    private TrackingFixture fixture;
    private final UUID block = UUID.randomUUID();
    private final BlockSoftDeleted request = softDelete(block, UUID.randomUUID(), START, GRACE);

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void unconfirmedDeletionBecomesOrphanedOnceTheWallClockPassesItsDeadline() {
        fixture = new TrackingFixture();
        fixture.pipe(request);
        fixture.statusValues();

        fixture.advance(Duration.ofMinutes(14).plusSeconds(50));
        assertThat(fixture.orphans.isEmpty()).as("not yet due").isTrue();

        fixture.advance(Duration.ofSeconds(40));

        OrphanDetected orphan = fixture.orphans.readValue();
        assertThat(orphan.type()).isEqualTo(OrphanType.UNCONFIRMED_TIMEOUT);
        assertThat(orphan.action()).isEqualTo(OrphanAction.REPORTED);
        assertThat(orphan.blockId()).isEqualTo(block);
        assertThat(orphan.deletionId()).isEqualTo(request.deletionId());
        DeletionStatus status = fixture.statuses.readValue();
        assertThat(status.state()).isEqualTo(DeletionState.ORPHANED);
        assertThat(status.reason()).contains("not confirmed");
        assertThat(status.lastEventId()).isEqualTo(orphan.eventId());
        assertThat(fixture.queries().openOrphans(10)).containsExactly(orphan);
    }

    @Test
    void orphanIsReportedOnceNotAtEveryPunctuation() {
        fixture = new TrackingFixture();
        fixture.pipe(request);

        for (int i = 0; i < 10; i++) {
            fixture.advance(Duration.ofMinutes(5));
        }

        assertThat(fixture.orphans.readValuesToList()).hasSize(1);
    }

    @Test
    void lateConfirmationResolvesTheOrphan() {
        fixture = new TrackingFixture();
        fixture.pipe(request);
        fixture.advance(Duration.ofMinutes(16));
        fixture.statusValues();

        fixture.pipe(confirmation(request, fixture.now()));

        assertThat(fixture.statusValues()).extracting(DeletionStatus::state).containsExactly(DeletionState.CONFIRMED);
        assertThat(fixture.queries().openOrphans(10)).isEmpty();
    }

    @Test
    void restoreResolvesTheOrphan() {
        fixture = new TrackingFixture();
        fixture.pipe(request);
        fixture.advance(Duration.ofMinutes(16));
        fixture.statusValues();

        fixture.pipe(restore(block, request.deletionId(), fixture.now()));

        assertThat(fixture.statusValues()).extracting(DeletionStatus::state).containsExactly(DeletionState.RESTORED);
        assertThat(fixture.queries().openOrphans(10)).isEmpty();
    }

    @Test
    void confirmedDeletionNeverMissesItsDeadline() {
        fixture = new TrackingFixture();
        fixture.pipe(request);
        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(6))));

        fixture.advance(Duration.ofHours(1));

        assertThat(fixture.orphans.isEmpty()).isTrue();
    }

    @Test
    void missedDeadlineWithReDrivesLeftAsksForAReDriveAndExtendsTheDeadline() {
        fixture = new TrackingFixture(TrackingFixture.SETTINGS.withMaxRedrives(1));
        fixture.pipe(request);
        fixture.statusValues();

        fixture.advance(Duration.ofMinutes(15).plusSeconds(30));

        TestRecord<String, RedriveRequested> asked = fixture.redriveRequests.readRecord();
        assertThat(asked.key()).isEqualTo(block.toString());
        RedriveRequested redrive = asked.value();
        assertThat(redrive.redriveOf()).isEqualTo(request.eventId());
        assertThat(redrive.eventId()).isNotEqualTo(request.eventId());
        assertThat(redrive.blockId()).isEqualTo(block);
        assertThat(redrive.deletionId()).isEqualTo(request.deletionId());
        assertThat(redrive.attempt()).isEqualTo(1);
        assertThat(ContractCloudEvents.readFrom(asked.headers())).get().satisfies(ce -> {
            assertThat(ce.getId()).isEqualTo(redrive.eventId().toString());
            assertThat(ce.getType()).isEqualTo(EventTypes.typeOf(RedriveRequested.class));
        });
        assertThat(fixture.lifecycleOut.isEmpty())
                .as("lifecycle events come from the outbox only")
                .isTrue();
        OrphanDetected reported = fixture.orphans.readValue();
        assertThat(reported.action()).isEqualTo(OrphanAction.REDRIVEN);
        DeletionStatus status = fixture.statuses.readValue();
        assertThat(status.state()).isEqualTo(DeletionState.SOFT_DELETED);
        assertThat(status.redriveAttempts()).isEqualTo(1);
        assertThat(status.lastEventId()).isEqualTo(redrive.eventId());

        fixture.pipe(TrackingFixture.relayed(redrive, request));
        assertThat(fixture.statuses.isEmpty())
                .as("the re-drive relayed from the outbox changes nothing")
                .isTrue();

        fixture.advance(Duration.ofMinutes(9));
        assertThat(fixture.orphans.isEmpty()).as("the deadline was extended").isTrue();

        fixture.advance(Duration.ofMinutes(1).plusSeconds(30));

        OrphanDetected orphan = fixture.orphans.readValue();
        assertThat(orphan.action()).isEqualTo(OrphanAction.REPORTED);
        assertThat(orphan.reason()).contains("after 1 re-drives");
        List<DeletionStatus> statuses = fixture.statusValues();
        assertThat(statuses).extracting(DeletionStatus::state).containsExactly(DeletionState.ORPHANED);
        assertThat(fixture.redriveRequests.isEmpty()).as("no attempts left").isTrue();
    }

    @Test
    void reprocessingAsksForTheSameReDriveUnderTheSameId() {
        RedriveRequested first = firstRedriveOf(request);
        fixture.close();
        RedriveRequested again = firstRedriveOf(request);

        assertThat(again.eventId()).isEqualTo(first.eventId());
    }

    private RedriveRequested firstRedriveOf(BlockSoftDeleted softDelete) {
        fixture = new TrackingFixture(TrackingFixture.SETTINGS.withMaxRedrives(1));
        fixture.pipe(softDelete);
        fixture.advance(Duration.ofMinutes(15).plusSeconds(30));
        return fixture.redriveRequests.readValue();
    }

    @Test
    void confirmationOfTheReDriveResolvesTheDeletion() {
        fixture = new TrackingFixture(TrackingFixture.SETTINGS.withMaxRedrives(2));
        fixture.pipe(request);
        fixture.advance(Duration.ofMinutes(15).plusSeconds(30));
        BlockSoftDeleted redrive = TrackingFixture.relayed(fixture.redriveRequests.readValue(), request);
        fixture.pipe(redrive);
        fixture.statusValues();

        fixture.pipe(confirmation(redrive, fixture.now()));
        fixture.advance(Duration.ofHours(1));

        assertThat(fixture.statusValues()).extracting(DeletionStatus::state).containsExactly(DeletionState.CONFIRMED);
        assertThat(fixture.redriveRequests.isEmpty()).isTrue();
    }

    @Test
    void reDriveFromElsewhereReopensAnOrphanedDeletionWithAFreshDeadline() {
        fixture = new TrackingFixture();
        fixture.pipe(request);
        fixture.advance(Duration.ofMinutes(16));
        fixture.orphans.readValuesToList();
        fixture.statusValues();
        BlockSoftDeleted sweepRedrive = new BlockSoftDeleted(
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

        fixture.pipe(sweepRedrive);

        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED);
        assertThat(fixture.queries().openOrphans(10)).isEmpty();

        fixture.advance(Duration.ofMinutes(9));
        assertThat(fixture.orphans.isEmpty()).isTrue();
        fixture.advance(Duration.ofMinutes(1).plusSeconds(30));
        assertThat(fixture.orphans.readValue().type()).isEqualTo(OrphanType.UNCONFIRMED_TIMEOUT);
    }
}

package dev.deletionpipeline.reconciler.sweep;

import static dev.deletionpipeline.common.events.OrphanAction.REDRIVEN;
import static dev.deletionpipeline.common.events.OrphanAction.RELEASED;
import static dev.deletionpipeline.common.events.OrphanAction.REPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.reconciler.redrive.OutboxRedrive;
import dev.deletionpipeline.reconciler.sweep.SweepDatabase.Deleted;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Soft deletes stuck past their deadline are re-driven through the outbox; expired worker claims are released. */
class StuckDeletionSweepIT {

    private static final Duration DEADLINE = SweepSettings.defaults().deadline();
    private static final Instant LONG_AGO = SweepHarness.NOW.minus(DEADLINE).minus(Duration.ofHours(1));

    private SweepHarness harness;
    private SweepDatabase data;
    private UUID owner;

    @BeforeEach
    void seed() {
        harness = new SweepHarness("sweep_stuck");
        data = harness.data;
        owner = data.owner();
        for (int i = 0; i < 10; i++) {
            data.live(owner);
        }
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void stuckSoftDeleteIsRedrivenWithANewEventIdThatReferencesTheOriginal() {
        Deleted stuck = data.softDeleted(owner, LONG_AGO, "SOFT_DELETED");
        UUID original = data.originalEvent(stuck, owner, LONG_AGO);

        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        List<BlockSoftDeleted> events = data.outboxEvents(stuck.blockId());
        assertThat(events).hasSize(2);
        BlockSoftDeleted redrive = events.get(1);
        assertThat(redrive.eventId()).isNotEqualTo(original);
        assertThat(redrive.redriveOf()).isEqualTo(original);
        assertThat(redrive.blockId()).isEqualTo(stuck.blockId());
        assertThat(redrive.deletionId()).isEqualTo(stuck.deletionId());
        assertThat(redrive.ownerId()).isEqualTo(owner);
        assertThat(redrive.purgeAfter()).isEqualTo(LONG_AGO);
        assertThat(redrive.dueBy())
                .as("the request's own dueBy (SweepDatabase: requested a day before purgeAfter, due 30 days after)")
                .isEqualTo(LONG_AGO.minus(Duration.ofDays(1)).plus(Duration.ofDays(30)));
        assertThat(data.phase2(stuck.blockId()).deletionState()).isEqualTo("SOFT_DELETED");
        assertThat(result.actionOn(stuck.blockId())).contains(REDRIVEN);
        assertThat(result.reports().get(0).reason()).contains(redrive.eventId().toString(), original.toString());
        assertThat(harness.findings(OrphanType.STUCK_SOFT_DELETE, REDRIVEN)).isEqualTo(1);
    }

    @Test
    void aRedrivenBlockWaitsAnotherDeadlineBeforeItIsRedrivenAgain() {
        Deleted stuck = data.softDeleted(owner, LONG_AGO, "SOFT_DELETED");
        data.originalEvent(stuck, owner, LONG_AGO);

        harness.sweep(SweepHarness.realRun()).run();
        harness.clock.advance(DEADLINE.minus(Duration.ofMinutes(1)));
        SweepResult tooEarly = harness.sweep(SweepHarness.realRun()).run();
        harness.clock.advance(Duration.ofMinutes(2));
        harness.sweep(SweepHarness.realRun()).run();

        assertThat(tooEarly.reports()).isEmpty();
        List<BlockSoftDeleted> events = data.outboxEvents(stuck.blockId());
        assertThat(events).hasSize(3);
        assertThat(events.get(2).redriveOf()).isEqualTo(events.get(1).eventId());
    }

    @Test
    void aRedriveWhoseOriginalLeftTheOutboxSaysSo() {
        Deleted stuck = data.softDeleted(owner, LONG_AGO, "SOFT_DELETED");

        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        assertThat(data.outboxEvents(stuck.blockId()))
                .singleElement()
                .extracting(BlockSoftDeleted::redriveOf)
                .isNull();
        assertThat(result.reports()).singleElement().satisfies(report -> {
            assertThat(report.action()).isEqualTo(REDRIVEN);
            assertThat(report.reason()).contains("no longer in the outbox");
        });
    }

    @Test
    void softDeletesWithinTheDeadlineFailedOrDeadLetteredAreLeftAlone() {
        Instant recently = SweepHarness.NOW.minus(DEADLINE).plus(Duration.ofMinutes(5));
        Deleted withinDeadline = data.softDeleted(owner, recently, "SOFT_DELETED");
        Deleted failed = data.softDeleted(owner, LONG_AGO, "FAILED");
        Deleted deadLettered = data.softDeleted(owner, LONG_AGO, "SOFT_DELETED");
        data.openDeadLetter(deadLettered, owner);
        String before = data.digest();

        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        assertThat(result.reports()).isEmpty();
        assertThat(data.digest()).isEqualTo(before);
        assertThat(List.of(withinDeadline, failed, deadLettered))
                .allSatisfy(block ->
                        assertThat(data.phase2(block.blockId()).deletionState()).isNotNull());
    }

    @Test
    void heldBlocksAreNeitherStuckNorExpiredClaims() {
        Deleted held = data.softDeleted(owner, LONG_AGO, "SOFT_DELETED");
        Deleted heldClaim = data.claimed(owner, LONG_AGO, "worker-1", SweepHarness.NOW.minus(Duration.ofMinutes(1)));
        data.jdbc
                .sql("""
                        insert into legal_holds (id, scope, owner_id, reason, placed_by, placed_at)
                        values (:id, 'OWNER', :owner, 'litigation', 'admin', :at)
                        """)
                .param("id", UUID.randomUUID())
                .param("owner", owner)
                .param("at", Timestamp.from(LONG_AGO))
                .update();
        String before = data.digest();

        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        assertThat(result.reports()).isEmpty();
        assertThat(data.digest()).isEqualTo(before);
        assertThat(data.phase2(held.blockId()).deletionState()).isEqualTo("SOFT_DELETED");
        assertThat(data.phase2(heldClaim.blockId()).deletionState()).isEqualTo("CLAIMED");
    }

    @Test
    void anExpiredClaimIsReleasedAndRedelivered() {
        Deleted expired = data.claimed(owner, LONG_AGO, "worker-1", SweepHarness.NOW.minus(Duration.ofMinutes(1)));
        UUID original = data.originalEvent(expired, owner, LONG_AGO);
        Instant leaseEnd = SweepHarness.NOW.plus(Duration.ofMinutes(1));
        Deleted leased = data.claimed(owner, LONG_AGO, "worker-2", leaseEnd);

        SweepResult result = harness.sweep(SweepHarness.realRun()).run();

        assertThat(data.phase2(expired.blockId())).isEqualTo(new SweepDatabase.Phase2("SOFT_DELETED", null, null));
        assertThat(data.outboxEvents(expired.blockId()))
                .last()
                .extracting(BlockSoftDeleted::redriveOf)
                .isEqualTo(original);
        assertThat(data.phase2(leased.blockId())).isEqualTo(new SweepDatabase.Phase2("CLAIMED", "worker-2", leaseEnd));
        assertThat(data.outboxEvents(leased.blockId())).isEmpty();
        assertThat(result.reports()).singleElement().satisfies(report -> {
            assertThat(report.blockId()).isEqualTo(expired.blockId());
            assertThat(report.action()).isEqualTo(RELEASED);
            assertThat(report.type()).isEqualTo(OrphanType.EXPIRED_CLAIM);
        });
    }

    @Test
    void aWorkerThatRenewsItsLeaseBeforeTheReleaseWins() {
        Deleted claimed = data.claimed(owner, LONG_AGO, "worker-1", SweepHarness.NOW.minus(Duration.ofMinutes(1)));
        ExpiredClaimFinder claims = new ExpiredClaimFinder(data.jdbc, new OutboxRedrive(data.jdbc));
        Finding finding = claims.findActionable(SweepHarness.NOW, 10).get(0);
        Instant renewed = SweepHarness.NOW.plus(Duration.ofMinutes(5));
        data.jdbc
                .sql("update blocks set claim_expires_at = :until where id = :id")
                .param("until", SqlTime.param(renewed))
                .param("id", claimed.blockId())
                .update();

        assertThat(claims.apply(finding, SweepHarness.NOW)).isEmpty();
        assertThat(data.phase2(claimed.blockId())).isEqualTo(new SweepDatabase.Phase2("CLAIMED", "worker-1", renewed));
        assertThat(data.outboxEvents(claimed.blockId())).isEmpty();
    }

    @Test
    void aDryRunNeitherReleasesNorRedrives() {
        Deleted expired = data.claimed(owner, LONG_AGO, "worker-1", SweepHarness.NOW.minus(Duration.ofMinutes(1)));
        Deleted stuck = data.softDeleted(owner, LONG_AGO, "SOFT_DELETED");
        String before = data.digest();

        SweepResult result =
                harness.sweep(SweepHarness.realRun().withDryRun(true)).run();

        assertThat(data.digest()).isEqualTo(before);
        assertThat(result.actionOn(expired.blockId())).contains(REPORTED);
        assertThat(result.actionOn(stuck.blockId())).contains(REPORTED);
        assertThat(result.byBlock().get(expired.blockId()).reason()).startsWith("dry run, would be RELEASED");
        assertThat(result.byBlock().get(stuck.blockId()).reason()).startsWith("dry run, would be REDRIVEN");
    }
}

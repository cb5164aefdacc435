package dev.deletionpipeline.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.deletionpipeline.worker.TestClock;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.Grant;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.LimiterShape;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.PickBudget;
import dev.deletionpipeline.worker.ratelimit.QuotaGate.RateLimitSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QuotaGateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** A quota per minute that a 1 s bucket hands out as ten permits a second (a minute touches 61 such periods). */
    private static final int TEN_A_SECOND = 610;

    @Test
    void perMinuteQuotaIsSpreadOverTheMinute() {
        assertThat(LimiterShape.of(600, Duration.ofSeconds(1))).isEqualTo(new LimiterShape(9, Duration.ofSeconds(1)));
        assertThat(LimiterShape.of(10_000, Duration.ofSeconds(1)))
                .isEqualTo(new LimiterShape(163, Duration.ofSeconds(1)));
        assertThat(LimiterShape.of(30, Duration.ofSeconds(1)).permitsPerPeriod())
                .isEqualTo(1);
        assertThat(LimiterShape.of(30, Duration.ofSeconds(1)).period())
                .isBetween(Duration.ofMillis(2068), Duration.ofMillis(2070));
    }

    /**
     * Google counts minutes as they fall, not as the bucket's periods do: a minute touches one period more than it
     * holds, so the bucket hands out at most the quota even in the minute that gets the most periods.
     */
    @Test
    void noMinuteGetsMoreThanTheQuota() {
        for (int perMinute : new int[] {2, 30, 59, 60, 61, 600, 601, 10_000, 1_000_000}) {
            for (Duration period : List.of(
                    Duration.ofMillis(100),
                    Duration.ofMillis(250),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(1_500),
                    Duration.ofSeconds(7))) {
                LimiterShape shape = LimiterShape.of(perMinute, period);
                long periodsTouchingAMinute = -Math.floorDiv(
                                -Duration.ofMinutes(1).toNanos(), shape.period().toNanos())
                        + 1;
                assertThat(shape.permitsPerPeriod() * periodsTouchingAMinute)
                        .as("%d a minute with period %s: %s", perMinute, period, shape)
                        .isLessThanOrEqualTo(perMinute);
            }
        }
    }

    @Test
    void callsBeyondTheOwnersPermitsAreDeferredToTheirExpectedTurn() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID owner = UUID.randomUUID();

        Grant grant = admit(gate, owner, 25, NOW);

        assertThat(grant.granted()).isEqualTo(10);
        assertThat(grant.deferredUntil()).hasSize(15);
        assertThat(grant.deferredUntil().get(0)).isEqualTo(NOW.plusSeconds(1));
        assertThat(grant.deferredUntil().get(14)).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void oneOwnersBulkDoesNotUseAnotherOwnersPermits() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID bulk = UUID.randomUUID();
        UUID single = UUID.randomUUID();

        admit(gate, bulk, 1_000, NOW);

        assertThat(admit(gate, single, 1, NOW).granted()).isEqualTo(1);
    }

    @Test
    void theProjectQuotaCapsEveryOwnerTogether() {
        QuotaGate gate = gate(TEN_A_SECOND, TEN_A_SECOND);
        int granted = 0;
        for (int i = 0; i < 5; i++) {
            granted += admit(gate, UUID.randomUUID(), 10, NOW).granted();
        }

        assertThat(granted).isEqualTo(10);
    }

    @Test
    void whenTheProjectRunsOutASingleDeletionIsNotLeftBehindOtherOwnersBulks() {
        QuotaGate gate = gate(TEN_A_SECOND, TEN_A_SECOND);
        UUID bulk = UUID.randomUUID();
        UUID otherBulk = UUID.randomUUID();
        UUID single = UUID.randomUUID();
        Map<UUID, Integer> round = new LinkedHashMap<>();
        round.put(bulk, 10);
        round.put(otherBulk, 10);
        round.put(single, 1);

        Map<UUID, Grant> grants = gate.admitRound(round, NOW);

        assertThat(grants.get(single).granted()).isEqualTo(1);
        assertThat(grants.values().stream().mapToInt(Grant::granted).sum())
                .as("the project's 10 permits of this second")
                .isEqualTo(10);
    }

    @Test
    void callsTheProjectHasNoPermitForAreDeferredInTurnAcrossTheRound() {
        QuotaGate gate = gate(TEN_A_SECOND, TEN_A_SECOND);
        Map<UUID, Integer> round = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            round.put(UUID.randomUUID(), 10);
        }

        List<Grant> grants = List.copyOf(gate.admitRound(round, NOW).values());

        assertThat(grants.get(0).granted()).isEqualTo(10);
        assertThat(grants.get(1).deferredUntil()).containsOnly(NOW.plusSeconds(1));
        assertThat(grants.get(2).deferredUntil())
                .as("after the second owner's, not all at the next second")
                .containsOnly(NOW.plusSeconds(2));
    }

    @Test
    void aRateLimitedOwnerPausesForRetryAfterWhileOthersGoOn() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID stormy = UUID.randomUUID();

        gate.rateLimited(stormy, Duration.ofSeconds(30), NOW);

        Grant paused = admit(gate, stormy, 3, NOW.plusSeconds(1));
        assertThat(paused.granted()).isZero();
        assertThat(paused.deferredUntil()).containsOnly(NOW.plusSeconds(30));
        assertThat(admit(gate, UUID.randomUUID(), 1, NOW.plusSeconds(1)).granted())
                .isEqualTo(1);
    }

    @Test
    void repeatedRateLimitsWithoutRetryAfterPauseLongerUpToTheMaximum() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID owner = UUID.randomUUID();

        gate.rateLimited(owner, null, NOW);
        Instant first = admit(gate, owner, 1, NOW).deferredUntil().get(0);
        gate.rateLimited(owner, null, NOW);
        Instant second = admit(gate, owner, 1, NOW).deferredUntil().get(0);
        for (int i = 0; i < 10; i++) {
            gate.rateLimited(owner, null, NOW);
        }
        Instant capped = admit(gate, owner, 1, NOW).deferredUntil().get(0);

        assertThat(first).isEqualTo(NOW.plusSeconds(2));
        assertThat(second).isEqualTo(NOW.plusSeconds(4));
        assertThat(capped).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aSuccessEndsThePause() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID owner = UUID.randomUUID();
        gate.rateLimited(owner, Duration.ofMinutes(1), NOW);

        gate.succeeded(owner);

        assertThat(admit(gate, owner, 1, NOW).granted()).isEqualTo(1);
    }

    @Test
    void ownersIdleLongerThanTheEvictionTimeAreForgotten() {
        TestClock clock = new TestClock();
        QuotaGate gate = gate(clock, 100_000);
        UUID stillBusy = UUID.randomUUID();
        for (int i = 0; i < 1_000; i++) {
            admit(gate, UUID.randomUUID(), 1, clock.instant());
        }
        admit(gate, stillBusy, 1, clock.instant());
        assertThat(gate.trackedOwners()).isEqualTo(1_001);

        clock.advance(Duration.ofMinutes(6));
        admit(gate, stillBusy, 1, clock.instant());
        clock.advance(Duration.ofMinutes(5));

        assertThat(gate.trackedOwners())
                .as("only the owner seen in the last 10 minutes")
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(gate.trackedOwners()).isZero();
    }

    @Test
    void aPausedOwnerIsKeptUntilItsPauseEndedAndItWasIdleAfterIt() {
        TestClock clock = new TestClock();
        QuotaGate gate = gate(clock, 100_000);
        UUID stormy = UUID.randomUUID();
        gate.rateLimited(stormy, Duration.ofMinutes(30), clock.instant());

        clock.advance(Duration.ofMinutes(35));
        assertThat(gate.trackedOwners()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(gate.trackedOwners()).isZero();
    }

    @Test
    void aForgottenOwnerStartsAgainWithAFullLimiterAndNoPause() {
        TestClock clock = new TestClock();
        QuotaGate gate = gate(clock, 100_000);
        UUID owner = UUID.randomUUID();
        gate.rateLimited(owner, Duration.ofSeconds(1), clock.instant());

        clock.advance(Duration.ofMinutes(11));

        assertThat(gate.trackedOwners()).isZero();
        assertThat(admit(gate, owner, 25, clock.instant()).granted()).isEqualTo(10);
    }

    @Test
    void aPickTakesOnlyWhatTheQuotasAdmit() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID spent = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        admit(gate, spent, 10, NOW);
        admit(gate, fresh, 1, NOW);

        PickBudget budget = gate.pickBudget(NOW);

        assertThat(budget.resting()).as("owners without a permit left").containsExactly(spent);
        assertThat(budget.perOwner()).as("an owner's permits per second").isEqualTo(10);
        assertThat(budget.calls()).as("the project's permits left this second").isBetween(1, 166 - 11);
        assertThat(budget.holdsBack()).isTrue();
        assertThat(budget.nextPermitIn()).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void anOwnerPausedByGoogleRestsUntilItsPauseEnds() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        UUID paused = UUID.randomUUID();
        gate.rateLimited(paused, Duration.ofSeconds(30), NOW);

        PickBudget budget = gate.pickBudget(NOW);

        assertThat(budget.resting()).containsExactly(paused);
        assertThat(budget.nextPermitIn()).isEqualTo(Duration.ofSeconds(30));
        assertThat(gate.pickBudget(NOW.plusSeconds(31)).resting()).isEmpty();
    }

    @Test
    void anExhaustedProjectHoldsEveryoneBackUntilItsNextPermits() {
        QuotaGate gate = gate(TEN_A_SECOND, TEN_A_SECOND);
        for (int i = 0; i < 2; i++) {
            admit(gate, UUID.randomUUID(), 10, NOW);
        }

        PickBudget budget = gate.pickBudget(NOW);

        assertThat(budget.calls()).isZero();
        assertThat(budget.holdsBack()).isTrue();
        assertThat(budget.nextPermitIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withPermitsLeftNothingIsHeldBack() {
        QuotaGate gate = gate(TEN_A_SECOND, 10_000);
        admit(gate, UUID.randomUUID(), 1, NOW);

        PickBudget budget = gate.pickBudget(NOW);

        assertThat(budget.resting()).isEmpty();
        assertThat(budget.holdsBack()).isFalse();
    }

    @Test
    void noMoreThanTheMaximumOfOwnersIsKept() {
        TestClock clock = new TestClock();
        QuotaGate gate = gate(clock, 100);

        for (int i = 0; i < 1_000; i++) {
            admit(gate, UUID.randomUUID(), 1, clock.instant());
        }

        assertThat(gate.trackedOwners()).isLessThanOrEqualTo(100);
    }

    @Test
    void anEvictionTimeShorterThanTheLimitersPeriodIsRefused() {
        RateLimitSettings settings = new RateLimitSettings(
                30,
                10_000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                100);

        assertThatIllegalArgumentException().isThrownBy(() -> new QuotaGate(settings, Clock.systemUTC()));
    }

    /** One owner's grant, admitted alone in its round. */
    private static Grant admit(QuotaGate gate, UUID owner, int wanted, Instant now) {
        return gate.admitRound(Map.of(owner, wanted), now).get(owner);
    }

    private static QuotaGate gate(int perOwner, int perProject) {
        return new QuotaGate(settings(perOwner, perProject, 100_000), Clock.systemUTC());
    }

    private static QuotaGate gate(TestClock clock, int maxOwners) {
        return new QuotaGate(settings(TEN_A_SECOND, 10_000_000, maxOwners), clock);
    }

    private static RateLimitSettings settings(int perOwner, int perProject, int maxOwners) {
        return new RateLimitSettings(
                perOwner,
                perProject,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofMinutes(10),
                maxOwners);
    }
}

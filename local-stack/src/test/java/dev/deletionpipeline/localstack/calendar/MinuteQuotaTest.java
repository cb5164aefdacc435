package dev.deletionpipeline.localstack.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteQuotaTest {

    private static final long TEN_O_CLOCK = 1_772_445_600_000L;

    private final MinuteQuota quota = new MinuteQuota();

    @Test
    void refusesCallsBeyondTheLimitUntilTheNextMinute() {
        long fifteenSecondsIn = TEN_O_CLOCK + 15_000;

        assertThat(quota.acquire("alice", 2, fifteenSecondsIn)).isZero();
        assertThat(quota.acquire("alice", 2, fifteenSecondsIn)).isZero();
        assertThat(quota.acquire("alice", 2, fifteenSecondsIn)).isEqualTo(45);
        assertThat(quota.acquire("alice", 2, TEN_O_CLOCK + 59_999)).isEqualTo(1);
        assertThat(quota.acquire("alice", 2, TEN_O_CLOCK + 60_000)).isZero();
    }

    @Test
    void eachKeyHasItsOwnAllowance() {
        assertThat(quota.acquire("alice", 1, TEN_O_CLOCK)).isZero();
        assertThat(quota.acquire("alice", 1, TEN_O_CLOCK)).isPositive();
        assertThat(quota.acquire("bob", 1, TEN_O_CLOCK)).isZero();
    }
}

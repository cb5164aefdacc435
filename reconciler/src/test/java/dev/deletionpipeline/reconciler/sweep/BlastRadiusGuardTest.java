package dev.deletionpipeline.reconciler.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BlastRadiusGuardTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void allowsChangesUpToTheShare() {
        BlastRadiusGuard guard = new BlastRadiusGuard(() -> 200, 0.05, meters);

        assertThat(guard.refusal(10)).isEmpty();
        assertThat(aborts()).isZero();
    }

    @Test
    void refusesOneRowAboveTheShareAndCountsIt() {
        BlastRadiusGuard guard = new BlastRadiusGuard(() -> 200, 0.05, meters);

        assertThat(guard.refusal(11))
                .hasValueSatisfying(reason ->
                        assertThat(reason).startsWith("blast-radius guard").contains("11 of 200 blocks"));
        assertThat(aborts()).isEqualTo(1);
    }

    @Test
    void aSweepThatChangesNothingIsNeverRefused() {
        BlastRadiusGuard guard = new BlastRadiusGuard(() -> 0, 0.05, meters);

        assertThat(guard.refusal(0)).isEmpty();
    }

    @Test
    void aSmallTableRefusesEvenOneChangeAboveItsShare() {
        BlastRadiusGuard guard = new BlastRadiusGuard(() -> 10, 0.05, meters);

        assertThat(guard.refusal(1)).isPresent();
    }

    private double aborts() {
        return meters.counter("deletion.reconciler.sweep.aborted").count();
    }
}

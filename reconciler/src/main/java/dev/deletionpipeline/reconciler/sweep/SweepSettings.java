package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the safety-net sweep ({@code deletion.reconciler.sweep.*} in {@code application.yml}).
 *
 * @param enabled whether the sweep runs at all
 * @param dryRun report every finding as {@code REPORTED} and change nothing
 * @param interval time between the end of one sweep and the start of the next
 * @param initialDelay time after start-up before the first sweep
 * @param deadline how long after {@code purge_after} a soft-deleted block may stay unconfirmed (and how long after a
 *     re-drive) before the sweep re-drives it
 * @param maxRows the most findings one sweep handles; the rest wait for the next sweep
 * @param maxShare the largest share of the blocks table (0..1] that the sweep may change; above it nothing is changed
 */
@Validated
@ConfigurationProperties("deletion.reconciler.sweep")
public record SweepSettings(
        boolean enabled,
        boolean dryRun,
        @PositiveDuration Duration interval,
        @NotNull @DurationMin(seconds = 0) Duration initialDelay,
        @PositiveDuration Duration deadline,
        @Positive int maxRows,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        double maxShare) {

    /** The defaults of {@code application.yml}. */
    public static SweepSettings defaults() {
        return new SweepSettings(
                true, true, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), 500, 0.05);
    }

    public SweepSettings withDryRun(boolean newDryRun) {
        return new SweepSettings(enabled, newDryRun, interval, initialDelay, deadline, maxRows, maxShare);
    }

    public SweepSettings withMaxRows(int newMaxRows) {
        return new SweepSettings(enabled, dryRun, interval, initialDelay, deadline, newMaxRows, maxShare);
    }

    public SweepSettings withMaxShare(double newMaxShare) {
        return new SweepSettings(enabled, dryRun, interval, initialDelay, deadline, maxRows, newMaxShare);
    }
}

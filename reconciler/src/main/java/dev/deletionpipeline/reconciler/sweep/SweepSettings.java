package dev.deletionpipeline.reconciler.sweep;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
@ConfigurationProperties("deletion.reconciler.sweep")
public record SweepSettings(
        boolean enabled,
        boolean dryRun,
        Duration interval,
        Duration initialDelay,
        Duration deadline,
        int maxRows,
        double maxShare) {

    public SweepSettings {
        requirePositive(interval, "interval");
        requirePositive(deadline, "deadline");
        requireNonNull(initialDelay, "initialDelay");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative: " + initialDelay);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("maxShare must be in (0, 1]: " + maxShare);
        }
    }

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

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}

package dev.deletionpipeline.reconciler.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refuses a sweep that would change more than a configured share of the {@code blocks} table (reads its row count).
 * It weighs every row the rules would change, not only the batch of this sweep: a bug or a bad migration that makes
 * half the table look orphaned must stop the sweep, not be worked off a batch at a time. A refusal is logged at ERROR
 * and counted in {@code deletion.reconciler.sweep.aborted}, so that an alert can fire on either.
 */
final class BlastRadiusGuard {

    private static final Logger log = LoggerFactory.getLogger(BlastRadiusGuard.class);

    private final LongSupplier blockCount;
    private final double maxShare;
    private final Counter aborted;

    BlastRadiusGuard(JdbcClient jdbc, double maxShare, MeterRegistry meters) {
        this(() -> jdbc.sql("select count(*) from blocks").query(Long.class).single(), maxShare, meters);
    }

    /** @param blockCount how many rows the blocks table has now */
    BlastRadiusGuard(LongSupplier blockCount, double maxShare, MeterRegistry meters) {
        this.blockCount = blockCount;
        this.maxShare = maxShare;
        this.aborted = Counter.builder("deletion.reconciler.sweep.aborted")
                .description("Safety-net sweeps refused by the blast-radius guard")
                .register(meters);
    }

    /**
     * @param plannedChanges how many rows of {@code blocks} the sweep would change in all
     * @return why the sweep must not change anything, or empty when it may
     */
    Optional<String> refusal(long plannedChanges) {
        if (plannedChanges == 0) {
            return Optional.empty();
        }
        long total = blockCount.getAsLong();
        if (plannedChanges <= maxShare * total) {
            return Optional.empty();
        }
        String reason = String.format(
                "blast-radius guard: the sweep would change %d of %d blocks (%.1f%%, more than the allowed %.1f%%);"
                        + " nothing was changed",
                plannedChanges, total, 100.0 * plannedChanges / total, 100.0 * maxShare);
        aborted.increment();
        log.error("Safety-net sweep aborted, {}", reason);
        return Optional.of(reason);
    }
}

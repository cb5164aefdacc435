package dev.deletionpipeline.worker.housekeeping;

import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Removes {@code deletion_receipts} rows older than {@code receipt-retention} and {@code removed_dependants} rows
 * older than {@code removed-dependant-retention} (both by {@code hard_deleted_at}, cut-off from the injected clock), in
 * batches of {@code batch-size} rows, each its own short transaction, so that a run never holds many row locks or
 * writes one huge transaction to the WAL. Counts the rows removed per table in
 * {@code deletion.worker.housekeeping.rows.removed}.
 *
 * <p>Runs every {@code deletion.worker.housekeeping.interval} (the first run one interval after start, so that a
 * restart loop does not run it each time), and the receipts' upkeep with it: receipts of restored deletions that no
 * {@code BlockRestored} announced, and the removal of receipts past their compliance period. One instance at a time
 * (ShedLock, see {@code ScheduledJobsAutoConfiguration}). Absent with {@code deletion.worker.housekeeping.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.worker.housekeeping.enabled", matchIfMissing = true)
public class Housekeeping {

    /** {@code deletion.worker.housekeeping.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.housekeeping")
    public record HousekeepingSettings(
            @PositiveDuration Duration receiptRetention,
            @PositiveDuration Duration removedDependantRetention,
            @PositiveDuration Duration interval,
            @Positive int batchSize,
            boolean enabled) {}

    /** What one run did: the rows it removed from each table. */
    record Run(long receiptsRemoved, long removedDependantsRemoved) {}

    /**
     * A table whose rows are removed by age: its name (the constant's, also the metric's tag), and the statement that
     * removes one batch of the oldest rows older than the cut-off, through the index on the age column (migration V6).
     */
    enum AgedTable {
        DELETION_RECEIPTS(HousekeepingSettings::receiptRetention),
        REMOVED_DEPENDANTS(HousekeepingSettings::removedDependantRetention);

        final String tableName = name().toLowerCase(Locale.ROOT);
        // strictly older: a row exactly at the cut-off is kept
        final String deleteBatch = "delete from " + tableName + " where block_id in (select block_id from " + tableName
                + " where hard_deleted_at < :cutOff order by hard_deleted_at limit :limit)";
        final Function<HousekeepingSettings, Duration> retention;

        AgedTable(Function<HousekeepingSettings, Duration> retention) {
            this.retention = retention;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;
    private final HousekeepingSettings settings;
    private final Clock clock;
    private final DeletionReceipts receipts;
    private final Map<AgedTable, Counter> removedRows = new EnumMap<>(AgedTable.class);

    Housekeeping(
            JdbcClient jdbc,
            HousekeepingSettings settings,
            Clock clock,
            MeterRegistry meters,
            DeletionReceipts receipts) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.receipts = receipts;
        for (AgedTable table : AgedTable.values()) {
            removedRows.put(
                    table,
                    Counter.builder("deletion.worker.housekeeping.rows.removed")
                            .description("Rows removed by housekeeping because they outlived their retention")
                            .tag("table", table.tableName)
                            .register(meters));
        }
    }

    @Scheduled(
            fixedDelayString = "${deletion.worker.housekeeping.interval}",
            initialDelayString = "${deletion.worker.housekeeping.interval}")
    @SchedulerLock(name = "deletion-worker.housekeeping")
    public void run() {
        try {
            runOnce();
            int restored = receipts.completeRestored(settings.batchSize());
            int pruned = receipts.pruneExpired();
            log.info(
                    "Receipts: {} written for restored deletions nothing announced, {} removed past their compliance"
                            + " period",
                    restored,
                    pruned);
        } catch (DataAccessException e) {
            log.warn(
                    "Housekeeping failed; the next run retries: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }

    /** One run now: every row past its retention is removed. */
    public Run runOnce() {
        Instant now = clock.instant();
        long started = System.nanoTime();
        Run run = new Run(removeAged(AgedTable.DELETION_RECEIPTS, now), removeAged(AgedTable.REMOVED_DEPENDANTS, now));
        log.info(
                "Housekeeping removed {} deletion_receipts and {} removed_dependants past their retention in {} ms",
                run.receiptsRemoved(),
                run.removedDependantsRemoved(),
                (System.nanoTime() - started) / 1_000_000);
        return run;
    }

    private long removeAged(AgedTable table, Instant now) {
        Instant cutOff = now.minus(table.retention.apply(settings));
        long removed = 0;
        int batch;
        do {
            batch = jdbc.sql(table.deleteBatch)
                    .param("cutOff", SqlTime.param(cutOff))
                    .param("limit", settings.batchSize())
                    .update();
            removed += batch;
            removedRows.get(table).increment(batch);
        } while (batch == settings.batchSize());
        return removed;
    }
}

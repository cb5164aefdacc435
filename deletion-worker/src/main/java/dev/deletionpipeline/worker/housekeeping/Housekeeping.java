package dev.deletionpipeline.worker.housekeeping;

import dev.deletionpipeline.common.sql.SqlTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Removes {@code deletion_receipts} rows older than {@code receipt-retention} and {@code removed_dependants} rows
 * older than {@code removed-dependant-retention} (both by {@code hard_deleted_at}, cut-off from the injected clock), in
 * batches of {@code batch-size} rows, each its own short transaction, so that a run never holds many row locks or
 * writes one huge transaction to the WAL. Counts the rows removed per
 * table in {@code deletion.worker.housekeeping.rows.removed}.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcTemplate jdbc;
    private final HousekeepingSettings settings;
    private final Clock clock;
    private final Map<AgedTable, Counter> removedRows = new EnumMap<>(AgedTable.class);

    Housekeeping(JdbcTemplate jdbc, HousekeepingSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        for (AgedTable table : AgedTable.values()) {
            removedRows.put(
                    table,
                    Counter.builder("deletion.worker.housekeeping.rows.removed")
                            .description("Rows removed by housekeeping because they outlived their retention")
                            .tag("table", table.tableName())
                            .register(meters));
        }
    }

    /** One run now: every row past its retention is removed. */
    public HousekeepingRun runOnce() {
        Instant now = clock.instant();
        long started = System.nanoTime();
        HousekeepingRun run = new HousekeepingRun(
                removeAged(AgedTable.DELETION_RECEIPTS, now), removeAged(AgedTable.REMOVED_DEPENDANTS, now));
        log.info(
                "Housekeeping removed {} deletion_receipts and {} removed_dependants past their retention in {} ms",
                run.receiptsRemoved(),
                run.removedDependantsRemoved(),
                (System.nanoTime() - started) / 1_000_000);
        return run;
    }

    private long removeAged(AgedTable table, Instant now) {
        Instant cutOff = now.minus(table.retention(settings));
        long removed = 0;
        int batch;
        do {
            batch = jdbc.update(table.deleteBatch(), SqlTime.param(cutOff), settings.batchSize());
            removed += batch;
            removedRows.get(table).increment(batch);
        } while (batch == settings.batchSize());
        return removed;
    }
}

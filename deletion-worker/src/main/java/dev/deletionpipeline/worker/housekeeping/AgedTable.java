package dev.deletionpipeline.worker.housekeeping;

import java.time.Duration;
import java.util.function.Function;

/**
 * A table whose rows housekeeping removes by age: its name (also the metric's tag), and the statement that removes one
 * batch of the oldest rows older than the cut-off, through the index on the age column (migration V6).
 */
enum AgedTable {
    DELETION_RECEIPTS("deletion_receipts", "block_id", "hard_deleted_at", HousekeepingSettings::receiptRetention),
    REMOVED_DEPENDANTS(
            "removed_dependants", "block_id", "hard_deleted_at", HousekeepingSettings::removedDependantRetention);

    private final String tableName;
    private final String deleteBatch;
    private final Function<HousekeepingSettings, Duration> retention;

    AgedTable(String tableName, String key, String ageColumn, Function<HousekeepingSettings, Duration> retention) {
        this.tableName = tableName;
        // strictly older: a row exactly at the cut-off is kept
        this.deleteBatch = "delete from " + tableName + " where " + key + " in (select " + key + " from " + tableName
                + " where " + ageColumn + " < ? order by " + ageColumn + " limit ?)";
        this.retention = retention;
    }

    String tableName() {
        return tableName;
    }

    String deleteBatch() {
        return deleteBatch;
    }

    Duration retention(HousekeepingSettings settings) {
        return retention.apply(settings);
    }
}

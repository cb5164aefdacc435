package dev.deletionpipeline.worker.housekeeping;

/**
 * What one housekeeping run did.
 *
 * @param ran false when another worker instance held the housekeeping lock, so this one removed nothing
 * @param receiptsRemoved {@code deletion_receipts} rows removed
 * @param removedDependantsRemoved {@code removed_dependants} rows removed
 */
public record HousekeepingRun(boolean ran, long receiptsRemoved, long removedDependantsRemoved) {

    static HousekeepingRun skipped() {
        return new HousekeepingRun(false, 0, 0);
    }
}

package dev.deletionpipeline.worker.housekeeping;

/**
 * What one housekeeping run did.
 *
 * @param receiptsRemoved {@code deletion_receipts} rows removed
 * @param removedDependantsRemoved {@code removed_dependants} rows removed
 */
public record HousekeepingRun(long receiptsRemoved, long removedDependantsRemoved) {}

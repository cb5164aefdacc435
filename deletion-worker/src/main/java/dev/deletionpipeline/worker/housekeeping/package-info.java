/**
 * Housekeeping of the worker's own bookkeeping: removes {@code deletion_receipts} and {@code removed_dependants} rows
 * once no event that needs them can still arrive, so that neither table grows without bound.
 */
package dev.deletionpipeline.worker.housekeeping;

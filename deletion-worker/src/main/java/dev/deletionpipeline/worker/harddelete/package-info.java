/**
 * The hard delete: the claimed blocks, their direct children and their recurring chain leave the database in one
 * transaction together with a {@code deletion_receipts} row and an {@code outbox} row ({@code HardDeleteConfirmed})
 * per block, so a confirmation exists if and only if the rows are gone.
 */
package dev.deletionpipeline.worker.harddelete;

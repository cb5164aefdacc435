/**
 * The CDC relay: an embedded Debezium engine that reads committed {@code outbox} rows from PostgreSQL's WAL (slot and
 * publication {@code deletion_outbox}), routes them with the outbox EventRouter by {@code aggregatetype} and produces
 * them with CloudEvents headers to {@code blocks.lifecycle.v1} and {@code blocks.hard-delete-confirmed.v1}. One
 * instance is active at a time (an advisory lock); relayed rows are deleted after a retention. Switched off with
 * {@code deletion.relay.enabled=false} when the connector of {@code deploy/debezium} runs in Kafka Connect instead.
 *
 * <p>A lost slot loses nothing. PostgreSQL invalidates a slot that would pin more WAL than
 * {@code max_slot_wal_keep_size} ({@code wal_status = 'lost'}); a slot can also be dropped, or missing after a restore.
 * Two facts make the recovery complete: {@link OutboxCleanup} deletes only rows whose transaction the slot confirmed
 * (so every row that may not have reached Kafka is still in the table, whatever its age), and consumers de-duplicate
 * by {@code ce_id}. Before every engine start the active relay's {@link SlotRecovery} checks the slot; on a loss it
 * logs one ERROR line naming the slot, counts {@code deletion_relay_slot_lost_total}, drops the lost slot, creates a
 * new one and then deletes and re-inserts every outbox row, unchanged, in one transaction: the new slot captures them
 * and Kafka receives again every {@code BlockSoftDeleted}, {@code BlockRestored} and {@code HardDeleteConfirmed} of
 * the gap (and, as duplicates with the same {@code ce_id}, those of the last hour that had arrived). The worker takes a
 * {@code BlockSoftDeleted} again into its task table and the reconciler sees each confirmation, so every pending
 * deletion still ends confirmed. No separate re-drive of soft-deleted blocks is needed, and none is written: the
 * reconciler's stuck-deletion sweep ({@code OutboxRedrive}) stays the backstop for anything else.
 */
package dev.deletionpipeline.api.relay;

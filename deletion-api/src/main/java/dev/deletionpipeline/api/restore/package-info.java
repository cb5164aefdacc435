/**
 * Undoing a soft delete: {@code POST /v1/blocks/{id}/restore} brings back exactly the blocks of that block's deletion
 * (by {@code deletion_id}) and announces each with {@code BlockRestored} in the outbox. Allowed only within the grace
 * period and while no block of the deletion has been claimed by the worker; the restore's conditional {@code UPDATE}
 * and the worker's conditional claim touch the same rows, so one of them wins cleanly.
 */
package dev.deletionpipeline.api.restore;

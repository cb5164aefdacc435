/**
 * Owner accounts and their withdrawal. {@code DELETE /v1/owners/me} soft-deletes the owner, hard-deletes the owner's
 * session tokens at once and soft-deletes every live block under one WITHDRAWAL deletion whose grace period is the
 * restore window; nothing is announced yet, so the worker does not wait on month-old events. {@code POST
 * /v1/owners/me/restore} (a withdrawn owner who signs in again) or {@code POST /v1/admin/owners/{id}/restore} undoes
 * it within the window. When the window has passed, the scheduled purge writes the deletion's {@code BlockSoftDeleted}
 * outbox rows (the blocks are due at once), and removes the owner row, with its Google credentials, once the worker
 * has hard-deleted every block.
 */
package dev.deletionpipeline.api.owners;

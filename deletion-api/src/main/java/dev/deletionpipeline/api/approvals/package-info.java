/**
 * Deletion commands held for an admin's approval: a {@code DeletionRequested} command above the confirmation threshold
 * is stored as {@code PENDING_APPROVAL} in {@code deletion_approvals} without touching a block, listed for admins
 * ({@code GET /v1/admin/deletions}), carried out by {@code POST /v1/admin/deletions/{id}/approve} or dropped by
 * {@code /reject}; every decision is written to {@code admin_audit} (who, when, why).
 */
package dev.deletionpipeline.api.approvals;

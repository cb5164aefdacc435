/**
 * Reading and verifying the receipts of finished deletion requests: {@code GET /v1/deletions/{id}/receipt} (the owner
 * their own, an admin any) and {@code GET /v1/admin/owners/{ownerId}/receipts/verify}, which recomputes the owner's
 * chain of digests. The receipts are written by deletion-worker, which ends the blocks (see its {@code receipts}
 * package); this service only reads {@code deletion_request_receipts} and {@code receipt_chains}, never writes them.
 */
package dev.deletionpipeline.api.receipts;

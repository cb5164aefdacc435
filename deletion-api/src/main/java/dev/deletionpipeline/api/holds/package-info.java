/**
 * Legal holds (admin only, {@code /v1/admin/holds}): placing a hold on an owner, a calendar or a block stops the
 * deletion of every pending block it covers (no claim, no Google call, no hard delete, no purge, no deadline) until it
 * is released or its end passes; placement and release are audited in {@code admin_audit}. Owns {@code legal_holds};
 * the worker and the reconciler learn about holds through {@code BlockHeld} and {@code BlockHoldReleased} on
 * {@code blocks.lifecycle.v1}.
 */
package dev.deletionpipeline.api.holds;

package dev.deletionpipeline.api.receipts;

import dev.deletionpipeline.common.receipts.ChainVerification;
import java.util.UUID;

/**
 * The answer of {@code GET /v1/admin/owners/{ownerId}/receipts/verify}.
 *
 * @param brokenAt nullable: the deletion id of the first receipt that breaks the chain
 * @param sequence nullable: where the chain breaks
 * @param problem nullable: ALTERED (content does not match its digest, or its blocks its blocksDigest), BROKEN_LINK
 *     (previousDigest is not the predecessor's digest) or MISSING (a receipt was removed)
 */
record ChainReport(
        UUID ownerId,
        boolean ok,
        int receipts,
        UUID brokenAt,
        Long sequence,
        ChainVerification.Problem problem,
        String detail) {

    static ChainReport of(UUID ownerId, ChainVerification verification) {
        return new ChainReport(
                ownerId,
                verification.ok(),
                verification.receipts(),
                verification.brokenAt(),
                verification.sequence(),
                verification.problem(),
                verification.detail());
    }
}

package dev.deletionpipeline.common.receipts;

import java.util.UUID;

/**
 * The answer of {@link ReceiptChain#verify}: OK, or the first receipt where the chain breaks and how.
 *
 * @param receipts how many receipts were checked
 * @param brokenAt nullable: the deletion id of the first receipt that breaks the chain (null when OK, or when the
 *     break is a receipt missing at the end)
 * @param sequence nullable: the sequence number where the chain breaks
 * @param problem nullable: null when OK
 */
public record ChainVerification(int receipts, UUID brokenAt, Long sequence, Problem problem, String detail) {

    /** How a chain can break. */
    public enum Problem {
        /** The receipt's content no longer matches its digest: it was altered. */
        ALTERED,
        /** The receipt's previousDigest is not its predecessor's digest: a receipt before it was altered or replaced. */
        BROKEN_LINK,
        /** A sequence number is missing: a receipt was removed. */
        MISSING
    }

    public boolean ok() {
        return problem == null;
    }

    static ChainVerification ok(int receipts) {
        return new ChainVerification(receipts, null, null, null, "all " + receipts + " receipts chain up");
    }
}

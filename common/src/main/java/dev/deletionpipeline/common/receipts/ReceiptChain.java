package dev.deletionpipeline.common.receipts;

import dev.deletionpipeline.common.receipts.ChainVerification.Problem;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes one owner's chain of receipts: each receipt's digest from its content (and its {@code blocksDigest} from
 * its blocks, for a receipt sealed with one; older receipts in the same chain keep their rule), each link to its
 * predecessor, and the numbering (1, 2, 3, … up to the chain head's count), and names the first receipt that breaks it.
 * Stored receipts list every block, so a receipt whose blocks are missing is altered.
 */
public final class ReceiptChain {

    private ReceiptChain() {}

    /**
     * @param receipts the owner's stored receipts as JSON, ordered by {@code sequence}
     * @param head what the owner's chain head says: written last, and pruned for retention
     */
    public static ChainVerification verify(List<JsonNode> receipts, Head head) {
        long headSequence = head.lastSequence();
        String headDigest = head.lastDigest();
        String previous = head.prunedDigest();
        long expected = head.prunedSequence() + 1;
        for (JsonNode receipt : receipts) {
            UUID deletionId = UUID.fromString(receipt.get("deletionId").asString());
            long sequence = receipt.get("sequence").asLong();
            if (sequence != expected) {
                return new ChainVerification(
                        receipts.size(),
                        deletionId,
                        expected,
                        Problem.MISSING,
                        "receipt " + expected + " is missing before " + deletionId + " (" + sequence + ")");
            }
            String stored = text(receipt, ReceiptDigests.DIGEST_FIELD);
            if (!ReceiptDigests.intact(receipt)) {
                return new ChainVerification(
                        receipts.size(),
                        deletionId,
                        sequence,
                        Problem.ALTERED,
                        "receipt " + deletionId + " does not match its digest or its blocks digest");
            }
            if (!Objects.equals(previous, text(receipt, "previousDigest"))) {
                return new ChainVerification(
                        receipts.size(),
                        deletionId,
                        sequence,
                        Problem.BROKEN_LINK,
                        "receipt " + deletionId + " does not link to the digest of receipt " + (sequence - 1));
            }
            previous = stored;
            expected++;
        }
        if (expected - 1 != headSequence || !Objects.equals(previous, headDigest)) {
            return new ChainVerification(
                    receipts.size(),
                    null,
                    expected,
                    Problem.MISSING,
                    "the chain head says " + headSequence + " receipts, " + receipts.size() + " are stored");
        }
        return ChainVerification.ok(receipts.size());
    }

    /**
     * An owner's chain head.
     *
     * @param lastSequence the sequence written last (0 for none); a removed last receipt shows as a shorter chain
     * @param lastDigest nullable: the digest written last
     * @param prunedSequence receipts up to this one passed their retention and were removed (0 for none)
     * @param prunedDigest nullable: the digest of receipt {@code prunedSequence}, which the first kept one links to
     */
    public record Head(long lastSequence, String lastDigest, long prunedSequence, String prunedDigest) {}

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}

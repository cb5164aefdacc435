package dev.deletionpipeline.common.receipts;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The digests of a {@link DeletionCompleted} receipt, SHA-256 (lower-case hex) of canonical JSON. Canonical = the
 * contract's JSON mapping ({@link EventJson}: nulls left out, ISO-8601 instants), object keys sorted, no whitespace.
 * {@code blocksDigest} covers the {@code blocks} array in receipt order; {@code digest} covers the receipt without
 * {@code digest} and without {@code blocks}, so that an event that leaves its blocks out for size keeps the digest of
 * the stored receipt. A receipt sealed before {@code blocksDigest} existed keeps its rule: digest over everything but
 * {@code digest}. Computed from the JSON tree, so a receipt read back from the database or the topic is checked exactly
 * as it is stored, field by field, whatever record version reads it.
 */
public final class ReceiptDigests {

    public static final String DIGEST_FIELD = "digest";
    static final String BLOCKS_FIELD = "blocks";
    static final String BLOCKS_DIGEST_FIELD = "blocksDigest";

    private ReceiptDigests() {}

    /** The digest a receipt must carry (its own {@code digest} field is ignored). */
    public static String digestOf(DeletionCompleted receipt) {
        return digestOf((JsonNode) EventJson.mapper().valueToTree(receipt));
    }

    /**
     * The digest a stored or published receipt must carry (its own {@code digest} field is ignored): without its blocks
     * when it has a {@code blocksDigest}, with them when it was sealed before that existed.
     */
    public static String digestOf(JsonNode receipt) {
        boolean blocksApart = hasBlocksDigest(receipt);
        ObjectNode covered = JsonNodeFactory.instance.objectNode();
        for (String name : ((ObjectNode) receipt).propertyNames()) {
            if (!name.equals(DIGEST_FIELD) && !(blocksApart && name.equals(BLOCKS_FIELD))) {
                covered.set(name, receipt.get(name));
            }
        }
        return sha256(covered);
    }

    /** The {@code blocksDigest} of these blocks, in this order. */
    public static String blocksDigestOf(List<ReceiptBlock> blocks) {
        return sha256(EventJson.mapper().valueToTree(blocks));
    }

    /**
     * Whether these blocks are the receipt's own: for a receipt with {@code blocksDigest}, they match it; for one
     * sealed before it existed, the receipt with these blocks matches its {@code digest}. How a consumer checks the
     * blocks it fetched for an event that left them out.
     */
    public static boolean blocksMatch(DeletionCompleted receipt, List<ReceiptBlock> blocks) {
        if (receipt.blocksDigest() != null) {
            return receipt.blocksDigest().equals(blocksDigestOf(blocks));
        }
        ObjectNode withBlocks = EventJson.mapper().valueToTree(receipt);
        withBlocks.set(BLOCKS_FIELD, EventJson.mapper().valueToTree(blocks));
        return receipt.digest().equals(digestOf(withBlocks));
    }

    /**
     * Whether a receipt as stored, with all its blocks, is the one that was sealed: its content matches its
     * {@code digest} and, when it has one, its blocks match its {@code blocksDigest}.
     */
    public static boolean intact(JsonNode receipt) {
        JsonNode digest = receipt.get(DIGEST_FIELD);
        if (digest == null || !digestOf(receipt).equals(digest.asString())) {
            return false;
        }
        JsonNode blocks = receipt.get(BLOCKS_FIELD);
        return !hasBlocksDigest(receipt)
                || (blocks != null
                        && receipt.get(BLOCKS_DIGEST_FIELD).asString().equals(sha256(blocks)));
    }

    /** The receipt with its {@code blocksDigest} and {@code digest} filled in. */
    public static DeletionCompleted sealed(DeletionCompleted receipt) {
        ObjectNode covered = EventJson.mapper().valueToTree(receipt);
        String blocksDigest = sha256(covered.get(BLOCKS_FIELD));
        covered.put(BLOCKS_DIGEST_FIELD, blocksDigest);
        return new DeletionCompleted(
                receipt.eventId(),
                receipt.deletionId(),
                receipt.ownerId(),
                receipt.scope(),
                receipt.target(),
                receipt.requestedBy(),
                receipt.requestedAt(),
                receipt.dueBy(),
                receipt.completedAt(),
                receipt.sequence(),
                receipt.totals(),
                receipt.blocks(),
                blocksDigest,
                receipt.previousDigest(),
                receipt.supersedes(),
                digestOf(covered));
    }

    private static boolean hasBlocksDigest(JsonNode receipt) {
        JsonNode blocksDigest = receipt.get(BLOCKS_DIGEST_FIELD);
        return blocksDigest != null && !blocksDigest.isNull();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>(object.propertyNames());
            names.sort(null);
            names.forEach(name -> copy.set(name, sorted(object.get(name))));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static String sha256(JsonNode node) {
        return sha256(EventJson.mapper().writeValueAsString(sorted(node)));
    }

    private static String sha256(String canonical) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}

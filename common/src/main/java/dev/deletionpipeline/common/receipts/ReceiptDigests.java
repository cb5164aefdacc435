package dev.deletionpipeline.common.receipts;

import dev.deletionpipeline.common.events.DeletionCompleted;
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
 * The digest of a {@link DeletionCompleted} receipt: SHA-256 (lower-case hex) of its canonical JSON without the
 * {@code digest} field. Canonical = the contract's JSON mapping ({@link EventJson}: nulls left out, ISO-8601 instants),
 * object keys sorted, no whitespace. Computed from the JSON tree, so a receipt read back from the database or the topic
 * is checked exactly as it is stored, field by field, whatever record version reads it.
 */
public final class ReceiptDigests {

    public static final String DIGEST_FIELD = "digest";

    private ReceiptDigests() {}

    /** The digest a receipt must carry (its own {@code digest} field is ignored). */
    public static String digestOf(DeletionCompleted receipt) {
        return digestOf((JsonNode) EventJson.mapper().valueToTree(receipt));
    }

    /** The digest a stored receipt must carry (its own {@code digest} field is ignored). */
    public static String digestOf(JsonNode receipt) {
        ObjectNode withoutDigest = ((ObjectNode) receipt).deepCopy();
        withoutDigest.remove(DIGEST_FIELD);
        return sha256(EventJson.mapper().writeValueAsString(sorted(withoutDigest)));
    }

    /** The receipt with its digest filled in. */
    public static DeletionCompleted sealed(DeletionCompleted receipt) {
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
                receipt.previousDigest(),
                receipt.supersedes(),
                digestOf(receipt));
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

    private static String sha256(String canonical) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}

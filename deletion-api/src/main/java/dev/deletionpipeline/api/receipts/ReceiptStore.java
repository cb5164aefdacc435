package dev.deletionpipeline.api.receipts;

import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.receipts.ReceiptChain;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** Reads {@code deletion_request_receipts}, {@code receipt_chains} and, to tell "unknown" from "not finished", {@code deletions}. */
@Repository
class ReceiptStore {

    /** A stored receipt: its owner and its JSON exactly as the worker sealed it. */
    record StoredReceipt(UUID ownerId, String body) {}

    private final JdbcClient jdbc;

    ReceiptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The deletion's receipts, oldest first: one, or more when a later one superseded an earlier one. */
    List<StoredReceipt> receipts(UUID deletionId) {
        return jdbc.sql("""
                        select owner_id, body::text as body from deletion_request_receipts
                        where deletion_id = :id order by sequence
                        """)
                .param("id", deletionId)
                .query((row, n) -> new StoredReceipt(row.getObject("owner_id", UUID.class), row.getString("body")))
                .list();
    }

    /** The owner of a deletion, if it exists. */
    Optional<UUID> ownerOfDeletion(UUID deletionId) {
        return jdbc.sql("select owner_id from deletions where id = :id")
                .param("id", deletionId)
                .query(UUID.class)
                .optional();
    }

    /** The owner's receipts, in chain order. */
    List<JsonNode> chain(UUID ownerId) {
        return jdbc.sql("select body::text from deletion_request_receipts where owner_id = :owner order by sequence")
                .param("owner", ownerId)
                .query((row, n) -> EventJson.mapper().readTree(row.getString(1)))
                .list();
    }

    ReceiptChain.Head head(UUID ownerId) {
        return jdbc.sql("""
                        select last_sequence, last_digest, pruned_sequence, pruned_digest
                        from receipt_chains where owner_id = :owner
                        """)
                .param("owner", ownerId)
                .query((row, n) -> new ReceiptChain.Head(
                        row.getLong("last_sequence"),
                        row.getString("last_digest"),
                        row.getLong("pruned_sequence"),
                        row.getString("pruned_digest")))
                .optional()
                .orElse(new ReceiptChain.Head(0, null, 0, null));
    }
}

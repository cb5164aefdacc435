package dev.deletionpipeline.api.receipts;

import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import dev.deletionpipeline.common.receipts.ReceiptChain;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/deletions/{id}/receipt}: the stored {@code DeletionCompleted} receipt, byte for byte as it is kept
 * (so its digest can be checked by anyone) — the latest, when a block ended again after the first and a later receipt
 * superseded it; with {@code all=true} all of them, oldest first, as a JSON array. 404 for another owner's deletion
 * and while the deletion has not finished.
 * {@code GET /v1/admin/owners/{ownerId}/receipts/verify} (admin): recomputes the owner's chain.
 */
@RestController
class ReceiptController {

    private final ReceiptStore store;

    ReceiptController(ReceiptStore store) {
        this.store = store;
    }

    @GetMapping(path = "/v1/deletions/{deletionId}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The receipt of a finished deletion request (DeletionCompleted), the latest when a later one"
                    + " superseded it; all=true: every receipt of the deletion, oldest first; 404 while not finished")
    ResponseEntity<String> receipt(
            Caller caller, @PathVariable UUID deletionId, @RequestParam(defaultValue = "false") boolean all) {
        List<ReceiptStore.StoredReceipt> receipts = store.receipts(deletionId);
        if (receipts.isEmpty()) {
            boolean known =
                    store.ownerOfDeletion(deletionId).filter(caller::mayActFor).isPresent();
            throw new NotFoundException(
                    known
                            ? "Deletion " + deletionId + " has no receipt: it has not finished yet."
                            : "No deletion " + deletionId + ".");
        }
        if (!caller.mayActFor(receipts.get(0).ownerId())) {
            throw new NotFoundException("No deletion " + deletionId + ".");
        }
        String body = all
                ? receipts.stream().map(ReceiptStore.StoredReceipt::body).collect(Collectors.joining(",", "[", "]"))
                : receipts.get(receipts.size() - 1).body();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/v1/admin/owners/{ownerId}/receipts/verify")
    @Operation(summary = "Recomputes an owner's chain of receipts: OK, or the first receipt that breaks it and how")
    ChainReport verify(@PathVariable UUID ownerId) {
        return ChainReport.of(ownerId, ReceiptChain.verify(store.chain(ownerId), store.head(ownerId)));
    }
}

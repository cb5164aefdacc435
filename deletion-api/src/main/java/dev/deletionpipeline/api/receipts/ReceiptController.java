package dev.deletionpipeline.api.receipts;

import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import dev.deletionpipeline.common.receipts.ReceiptChain;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/deletions/{id}/receipt}: the stored {@code DeletionCompleted} receipt, byte for byte as it is kept
 * (so its digest can be checked by anyone); 404 for another owner's deletion and while the deletion has not finished.
 * {@code GET /v1/admin/owners/{ownerId}/receipts/verify} (admin): recomputes the owner's chain.
 */
@RestController
class ReceiptController {

    private final ReceiptStore store;

    ReceiptController(ReceiptStore store) {
        this.store = store;
    }

    @GetMapping(path = "/v1/deletions/{deletionId}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The receipt of a finished deletion request (DeletionCompleted); 404 while not finished")
    ResponseEntity<String> receipt(Caller caller, @PathVariable UUID deletionId) {
        ReceiptStore.StoredReceipt receipt = store.receipt(deletionId).orElseThrow(() -> {
            boolean known =
                    store.ownerOfDeletion(deletionId).filter(caller::mayActFor).isPresent();
            return new NotFoundException(
                    known
                            ? "Deletion " + deletionId + " has no receipt: it has not finished yet."
                            : "No deletion " + deletionId + ".");
        });
        if (!caller.mayActFor(receipt.ownerId())) {
            throw new NotFoundException("No deletion " + deletionId + ".");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(receipt.body());
    }

    @GetMapping("/v1/admin/owners/{ownerId}/receipts/verify")
    @Operation(summary = "Recomputes an owner's chain of receipts: OK, or the first receipt that breaks it and how")
    ChainReport verify(@PathVariable UUID ownerId) {
        return ChainReport.of(ownerId, ReceiptChain.verify(store.chain(ownerId), store.head(ownerId)));
    }
}

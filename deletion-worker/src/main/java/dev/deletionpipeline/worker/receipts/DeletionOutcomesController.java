package dev.deletionpipeline.worker.receipts;

import static org.springframework.http.HttpStatus.NOT_FOUND;

import java.util.UUID;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/deletions/{deletionId}/outcomes} (admin, read-only): where each ended block of a deletion stands
 * now, with Google's answer and the time of each phase, in the receipt's per-block shape. The receipt is sealed when
 * the deletion first finishes; a block redriven after that ends later, and the ops dashboard's timeline shows that
 * end (and Google's 204) from here. Blocks still in flight are not listed. Reads {@code deletion_receipts},
 * {@code removed_dependants}, {@code blocks}, {@code deletions} and {@code dead_letters}; writes nothing.
 */
@RestController
class DeletionOutcomesController {

    private final DeletionReceipts receipts;

    DeletionOutcomesController(DeletionReceipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/v1/admin/deletions/{deletionId}/outcomes")
    ResponseEntity<?> outcomes(@PathVariable UUID deletionId) {
        return receipts.exists(deletionId)
                ? ResponseEntity.ok(receipts.blocksOf(deletionId))
                : ResponseEntity.of(ProblemDetail.forStatusAndDetail(NOT_FOUND, "No deletion " + deletionId))
                        .build();
    }
}

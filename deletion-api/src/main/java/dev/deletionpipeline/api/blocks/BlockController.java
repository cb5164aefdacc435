package dev.deletionpipeline.api.blocks;

import dev.deletionpipeline.api.deletions.DeletionAccepted;
import dev.deletionpipeline.api.deletions.DeletionService;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import dev.deletionpipeline.api.support.InputPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An owner's blocks: {@code POST /v1/blocks} (201), {@code GET /v1/blocks/{id}}, {@code GET /v1/blocks} (live rows
 * unless {@code include} says otherwise) and {@code DELETE /v1/blocks/{id}} (202, soft delete with cascade). Another
 * owner's block is 404.
 */
@RestController
class BlockController {

    private final BlockReader reader;
    private final BlockCreator creator;
    private final DeletionService deletions;

    BlockController(BlockReader reader, BlockCreator creator, DeletionService deletions) {
        this.reader = reader;
        this.creator = creator;
        this.deletions = deletions;
    }

    @PostMapping("/v1/blocks")
    ResponseEntity<BlockView> create(Caller caller, @Valid @RequestBody CreateBlockRequest request) {
        BlockView block = creator.create(caller.requireOwner(), request);
        return ResponseEntity.created(URI.create("/v1/blocks/" + block.id())).body(block);
    }

    @GetMapping("/v1/blocks/{id}")
    BlockView get(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "live") Include include) {
        return reader.find(Optional.of(caller.requireOwner()), id, include)
                .orElseThrow(() -> new NotFoundException("No block " + id + "."));
    }

    @GetMapping("/v1/blocks")
    BlockPage list(
            Caller caller,
            @RequestParam(required = false)
                    @Pattern(regexp = InputPatterns.CALENDAR_ID, message = InputPatterns.CALENDAR_ID_MESSAGE)
                    String calendarId,
            @RequestParam(defaultValue = "live") Include include,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return reader.list(Optional.of(caller.requireOwner()), Optional.ofNullable(calendarId), include, page, size);
    }

    @DeleteMapping("/v1/blocks/{id}")
    ResponseEntity<DeletionAccepted> delete(Caller caller, @PathVariable UUID id) {
        DeletionAccepted accepted =
                deletions.deleteBlock(caller.requireOwner(), id, caller.auditName(), UUID.randomUUID());
        return ResponseEntity.accepted()
                .location(URI.create("/v1/deletions/" + accepted.deletionId()))
                .body(accepted);
    }
}

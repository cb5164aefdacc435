package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.problems.InvalidInputException;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/deletions} (bulk soft delete of a calendar or of every block of an owner, 202) and
 * {@code GET /v1/deletions/{id}} (progress). Owners see and act on their own data only; admins on anyone's.
 */
@RestController
class DeletionController {

    private final DeletionService service;
    private final DeletionProgressQuery progress;

    DeletionController(DeletionService service, DeletionProgressQuery progress) {
        this.service = service;
        this.progress = progress;
    }

    @PostMapping("/v1/deletions")
    ResponseEntity<DeletionAccepted> bulk(Caller caller, @Valid @RequestBody BulkDeletionRequest request) {
        if (request.calendarId() == null && request.ownerId() == null) {
            throw new InvalidInputException("calendarId", "calendarId or ownerId is required");
        }
        UUID owner = ownerOf(caller, request);
        UUID deletionId = UUID.randomUUID();
        DeletionAccepted accepted = request.calendarId() == null
                ? service.deleteEveryBlockOf(owner, caller.auditName(), deletionId)
                : service.deleteCalendar(owner, request.calendarId(), caller.auditName(), deletionId);
        return ResponseEntity.accepted()
                .location(URI.create("/v1/deletions/" + accepted.deletionId()))
                .body(accepted);
    }

    @GetMapping("/v1/deletions/{deletionId}")
    DeletionProgress progress(
            Caller caller,
            @PathVariable UUID deletionId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return progress.of(deletionId, page, size)
                .filter(found -> caller.mayActFor(found.ownerId()))
                .orElseThrow(() -> new NotFoundException("No deletion " + deletionId + "."));
    }

    private static UUID ownerOf(Caller caller, BulkDeletionRequest request) {
        if (request.ownerId() == null && caller.ownerId().isEmpty()) {
            throw new InvalidInputException("ownerId", "an admin must name the owner");
        }
        UUID owner = request.ownerId() != null ? request.ownerId() : caller.requireOwner();
        if (!caller.mayActFor(owner)) {
            throw new NotFoundException("No owner " + owner + ".");
        }
        return owner;
    }
}

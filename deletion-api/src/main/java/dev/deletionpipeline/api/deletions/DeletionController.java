package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.problems.InvalidInputException;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/deletions} (bulk soft delete of a calendar or of every block of an owner: 202; its dry run: 200;
 * above the threshold: 428 with a confirmation token) and {@code GET /v1/deletions/{id}} (progress). Owners see and
 * act on their own data only; admins on anyone's.
 */
@RestController
class DeletionController {

    static final String CONFIRMATION_HEADER = "Deletion-Confirmation";

    private final BulkDeletions bulkDeletions;
    private final DeletionProgressQuery progress;

    DeletionController(BulkDeletions bulkDeletions, DeletionProgressQuery progress) {
        this.bulkDeletions = bulkDeletions;
        this.progress = progress;
    }

    @PostMapping("/v1/deletions")
    @Operation(
            summary = "Bulk soft delete of a calendar or of every block of an owner",
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "Carried out",
                        content = @Content(schema = @Schema(implementation = DeletionAccepted.class))),
                @ApiResponse(
                        responseCode = "200",
                        description = "dryRun=true: what it would soft-delete; nothing changed",
                        content = @Content(schema = @Schema(implementation = DeletionDryRun.class))),
                @ApiResponse(
                        responseCode = "428",
                        description = "More blocks than deletion.api.deletions.confirmation-threshold (or a"
                                + " confirmation that is unknown, expired, for another target, or for fewer blocks"
                                + " than the target now has): not carried out; the problem carries the preview and"
                                + " a confirmation token to re-send in the Deletion-Confirmation header",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    ResponseEntity<Object> bulk(
            Caller caller,
            @Valid @RequestBody BulkDeletionRequest request,
            @Parameter(description = "true: answer the counts it would soft-delete and change nothing")
                    @RequestParam(defaultValue = "false")
                    boolean dryRun,
            @Parameter(description = "The confirmation token of a 428 answer to the same request")
                    @RequestHeader(name = CONFIRMATION_HEADER, required = false)
                    UUID confirmation) {
        if (request.calendarId() == null && request.ownerId() == null) {
            throw new InvalidInputException("calendarId", "calendarId or ownerId is required");
        }
        UUID owner = ownerOf(caller, request);
        DeletionTarget target = request.calendarId() == null
                ? DeletionTarget.everyBlockOf(owner)
                : DeletionTarget.calendar(request.calendarId());
        if (dryRun) {
            DeletionPreview preview = bulkDeletions.preview(owner, target);
            return ResponseEntity.ok(new DeletionDryRun(
                    owner,
                    target.kind(),
                    target.target(),
                    preview,
                    bulkDeletions.threshold(),
                    bulkDeletions.needsConfirmation(preview)));
        }
        DeletionAccepted accepted =
                bulkDeletions.delete(caller.auditName(), owner, target, Optional.ofNullable(confirmation));
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

    @ExceptionHandler(ConfirmationRequiredException.class)
    ProblemDetail confirmationRequired(ConfirmationRequiredException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PRECONDITION_REQUIRED,
                e.getMessage() + " Nothing was changed. To carry it out, send the same request again with the header "
                        + CONFIRMATION_HEADER + ": " + e.token() + " before " + e.expiresAt() + ".");
        problem.setProperty("preview", e.preview());
        problem.setProperty("confirmationThreshold", e.threshold());
        problem.setProperty("confirmation", e.token());
        problem.setProperty("confirmationExpiresAt", e.expiresAt());
        return problem;
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

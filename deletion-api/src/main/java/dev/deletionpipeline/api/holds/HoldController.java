package dev.deletionpipeline.api.holds;

import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.security.Caller;
import dev.deletionpipeline.api.support.InputPatterns;
import dev.deletionpipeline.common.sql.SqlTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
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
 * Admin-only ({@code /v1/admin/**}): place a legal hold ({@code POST /v1/admin/holds}), list and read holds, release
 * one ({@code DELETE /v1/admin/holds/{id}?reason=}; releasing a released hold answers it unchanged).
 */
@RestController
class HoldController {

    private final HoldService service;
    private final LegalHolds holds;
    private final Clock clock;

    HoldController(HoldService service, LegalHolds holds, Clock clock) {
        this.service = service;
        this.holds = holds;
        this.clock = clock;
    }

    @PostMapping("/v1/admin/holds")
    ResponseEntity<Hold> place(Caller caller, @Valid @RequestBody PlaceHoldRequest request) {
        Hold hold = service.place(request, caller.subject());
        return ResponseEntity.created(URI.create("/v1/admin/holds/" + hold.id()))
                .body(hold);
    }

    @GetMapping("/v1/admin/holds")
    List<Hold> list(
            @RequestParam Optional<Boolean> active,
            @RequestParam Optional<UUID> ownerId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return holds.list(active, ownerId, SqlTime.now(clock), page, size);
    }

    @GetMapping("/v1/admin/holds/{id}")
    Hold get(@PathVariable UUID id) {
        return holds.find(id, SqlTime.now(clock)).orElseThrow(() -> new NotFoundException("No hold " + id + "."));
    }

    @DeleteMapping("/v1/admin/holds/{id}")
    Hold release(
            Caller caller,
            @PathVariable UUID id,
            @RequestParam
                    @NotBlank
                    @Size(max = 500)
                    @Pattern(regexp = InputPatterns.TEXT, message = InputPatterns.TEXT_MESSAGE)
                    String reason) {
        return service.release(id, caller.subject(), reason);
    }
}

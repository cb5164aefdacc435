package dev.deletionpipeline.api.admin;

import dev.deletionpipeline.api.blocks.BlockPage;
import dev.deletionpipeline.api.blocks.BlockReader;
import dev.deletionpipeline.api.blocks.Include;
import dev.deletionpipeline.api.support.InputPatterns;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/admin/blocks?ownerId=&calendarId=&include=}: any owner's blocks, deleted ones on request. */
@RestController
class AdminBlockController {

    private final BlockReader reader;

    AdminBlockController(BlockReader reader) {
        this.reader = reader;
    }

    @GetMapping("/v1/admin/blocks")
    BlockPage list(
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false)
                    @Pattern(regexp = InputPatterns.CALENDAR_ID, message = InputPatterns.CALENDAR_ID_MESSAGE)
                    String calendarId,
            @RequestParam(defaultValue = "live") Include include,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return reader.list(Optional.ofNullable(ownerId), Optional.ofNullable(calendarId), include, page, size);
    }
}

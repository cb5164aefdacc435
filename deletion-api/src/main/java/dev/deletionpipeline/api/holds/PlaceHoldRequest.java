package dev.deletionpipeline.api.holds;

import dev.deletionpipeline.api.support.InputPatterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of {@code POST /v1/admin/holds}: the narrowest of {@code blockId}, {@code calendarId} and the owner is held.
 *
 * @param calendarId nullable: hold one calendar of the owner
 * @param blockId nullable: hold one block of the owner
 * @param endsAt nullable: the hold ends by itself at this instant; null holds until released
 */
record PlaceHoldRequest(
        @NotNull UUID ownerId,

        @Pattern(regexp = InputPatterns.CALENDAR_ID, message = InputPatterns.CALENDAR_ID_MESSAGE)
        String calendarId,

        UUID blockId,

        @NotBlank @Size(max = 500) @Pattern(regexp = InputPatterns.TEXT, message = InputPatterns.TEXT_MESSAGE)
        String reason,

        Instant endsAt) {}

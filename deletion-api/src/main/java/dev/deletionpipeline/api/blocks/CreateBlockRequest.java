package dev.deletionpipeline.api.blocks;

import dev.deletionpipeline.api.support.InputPatterns;
import dev.deletionpipeline.common.events.BlockKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code POST /v1/blocks}.
 *
 * @param kind ORDINARY when left out
 * @param googleEventId the Google event the block is synced to; null when not synced
 * @param recurringEventId the Google id of the series, for an instance of a recurring event
 * @param originalId the parent block, for a derived (child) block; must be a live block of the same owner
 */
public record CreateBlockRequest(
        @NotNull @Pattern(regexp = InputPatterns.CALENDAR_ID, message = InputPatterns.CALENDAR_ID_MESSAGE)
        String calendarId,

        BlockKind kind,

        @Size(max = 500) @Pattern(regexp = InputPatterns.TEXT, message = InputPatterns.TEXT_MESSAGE)
        String title,

        Instant startsAt,
        Instant endsAt,

        @Pattern(regexp = InputPatterns.GOOGLE_EVENT_ID, message = InputPatterns.GOOGLE_EVENT_ID_MESSAGE)
        String googleEventId,

        @Pattern(regexp = InputPatterns.GOOGLE_EVENT_ID, message = InputPatterns.GOOGLE_EVENT_ID_MESSAGE)
        String recurringEventId,

        UUID originalId) {}

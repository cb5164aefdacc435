package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.api.support.InputPatterns;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * Body of {@code POST /v1/deletions}: a calendar or an owner. An owner may name only themselves (or leave
 * {@code ownerId} out); an admin must name the owner, also for a calendar.
 */
public record BulkDeletionRequest(
        @Pattern(regexp = InputPatterns.CALENDAR_ID, message = InputPatterns.CALENDAR_ID_MESSAGE)
        String calendarId,

        UUID ownerId) {}

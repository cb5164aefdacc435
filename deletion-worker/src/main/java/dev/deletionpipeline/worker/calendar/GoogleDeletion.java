package dev.deletionpipeline.worker.calendar;

import java.util.UUID;

/** One Google event to delete, on behalf of the block that mirrors it. */
public record GoogleDeletion(UUID blockId, String calendarId, String eventId) {}

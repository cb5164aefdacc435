package dev.deletionpipeline.common.events;

/** What a {@link DeletionRequested} command asks to delete. */
public enum DeletionScope {
    /** One block (and its dependants); needs {@code blockId}. */
    BLOCK,
    /** Every block of one calendar; needs {@code calendarId}. */
    CALENDAR,
    /** Every block of one owner; needs only {@code ownerId}. */
    OWNER
}

package dev.deletionpipeline.api.support;

/**
 * What input may look like: calendar ids and Google event ids are ASCII identifiers (so SQL fragments, markup
 * and other hostile strings are refused at the door), titles are any text without control characters.
 */
public final class InputPatterns {

    /** Google calendar ids: {@code primary}, e-mail-like ids, {@code en.usa#holiday@group.v.calendar.google.com}. */
    public static final String CALENDAR_ID = "[A-Za-z0-9._@+#-]{1,254}";

    public static final String CALENDAR_ID_MESSAGE = "must be 1-254 characters: letters, digits and . _ @ + # -";

    /** Google event ids (base32hex, and instance ids with an {@code _<date>} suffix). */
    public static final String GOOGLE_EVENT_ID = "[A-Za-z0-9_-]{1,1024}";

    public static final String GOOGLE_EVENT_ID_MESSAGE = "must be 1-1024 characters: letters, digits, _ and -";

    /** Free text without control characters (PostgreSQL refuses NUL in text, and none belongs in a title). */
    public static final String TEXT = "[^\\p{Cntrl}]*";

    public static final String TEXT_MESSAGE = "must not contain control characters";

    private InputPatterns() {}
}

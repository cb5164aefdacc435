package dev.deletionpipeline.api.problems;

import org.springframework.dao.DuplicateKeyException;

/**
 * A readable message for each partial unique index of the schema, so that a violation reaches the caller as a clear
 * 409 and not as the database's wording.
 */
final class UniqueValueMessages {

    private UniqueValueMessages() {}

    static String of(DuplicateKeyException e) {
        String cause = String.valueOf(e.getMostSpecificCause().getMessage());
        if (cause.contains("blocks_google_event_live_uq")) {
            return "This Google event id is already used by a live block of the same calendar.";
        }
        if (cause.contains("owners_handle_live_uq")) {
            return "This handle is already used by a live account.";
        }
        return "A live row already holds one of these unique values.";
    }
}

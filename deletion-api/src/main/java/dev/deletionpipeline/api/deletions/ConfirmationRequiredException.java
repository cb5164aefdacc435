package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk deletion that needs (another) confirmation: answered 428 with the preview and a new token. Nothing was
 * changed.
 */
class ConfirmationRequiredException extends RuntimeException {

    private final DeletionPreview preview;
    private final UUID token;
    private final Instant expiresAt;
    private final int threshold;

    ConfirmationRequiredException(
            String reason, DeletionPreview preview, UUID token, Instant expiresAt, int threshold) {
        super(reason);
        this.preview = preview;
        this.token = token;
        this.expiresAt = expiresAt;
        this.threshold = threshold;
    }

    DeletionPreview preview() {
        return preview;
    }

    UUID token() {
        return token;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    int threshold() {
        return threshold;
    }
}

package dev.deletionpipeline.api.requests;

/**
 * A command whose requesting service ({@code ce_source}) may not ask for it: not retried, dead-lettered with reason
 * {@code UNAUTHORIZED_SOURCE} and this message (which source, which scope) as the detail.
 */
class UnauthorizedSourceException extends RuntimeException {

    UnauthorizedSourceException(String message) {
        super(message);
    }
}

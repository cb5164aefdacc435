package dev.deletionpipeline.api.requests;

/**
 * A command that can never succeed as it is (scope without target, unknown owner or block, a block of another owner):
 * not retried, dead-lettered with reason {@code INVALID_COMMAND} and this message as the detail.
 */
class InvalidCommandException extends RuntimeException {

    InvalidCommandException(String message) {
        super(message);
    }
}

package dev.deletionpipeline.api.problems;

/**
 * The request is valid but cannot be carried out in the current state (e.g. a restore after the worker claimed the
 * block, or into a unique value that a live row now holds); answered with 409 and the message as the detail.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

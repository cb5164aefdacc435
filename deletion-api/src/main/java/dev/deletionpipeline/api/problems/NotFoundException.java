package dev.deletionpipeline.api.problems;

/**
 * Nothing the caller may see exists under that id. Also what an owner gets for another owner's row, so that ids of
 * other owners' data cannot be probed.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

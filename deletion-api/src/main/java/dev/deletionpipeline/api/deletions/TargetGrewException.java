package dev.deletionpipeline.api.deletions;

/**
 * A deletion found more blocks than it was allowed to soft-delete (its confirmation's, approval's or the threshold's
 * count): thrown inside its transaction, so nothing of it stays.
 */
public class TargetGrewException extends RuntimeException {

    private final long allowed;
    private final long found;

    public TargetGrewException(long allowed, long found) {
        super("The target grew to " + found + " blocks; the deletion was allowed " + allowed + ".");
        this.allowed = allowed;
        this.found = found;
    }

    public long allowed() {
        return allowed;
    }

    public long found() {
        return found;
    }
}

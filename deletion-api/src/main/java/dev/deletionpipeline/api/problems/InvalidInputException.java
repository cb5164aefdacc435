package dev.deletionpipeline.api.problems;

/**
 * Input that passed the syntactic checks but is still wrong (e.g. neither of two alternative fields given, or a
 * reference to a block that does not exist); answered with 400 and an {@code errors} entry naming the field.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public FieldError fieldError() {
        return new FieldError(field, getMessage());
    }
}

package dev.deletionpipeline.api.problems;

import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns a JSON reading failure into a {@link FieldError} that names the field, without echoing the offending value
 * (which may be long or hostile).
 */
final class JsonInputErrors {

    private JsonInputErrors() {}

    static Optional<FieldError> fieldErrorOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return Optional.of(new FieldError(pathOf(jackson.getPath()), messageOf(jackson)));
            }
        }
        return Optional.empty();
    }

    private static String pathOf(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String messageOf(JacksonException jackson) {
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be a valid " + mismatch.getTargetType().getSimpleName();
        }
        return "is not readable";
    }
}

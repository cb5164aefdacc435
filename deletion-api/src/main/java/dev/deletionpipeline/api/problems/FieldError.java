package dev.deletionpipeline.api.problems;

/** One entry of a validation problem's {@code errors} list: which input was wrong and why. */
public record FieldError(String field, String message) {}

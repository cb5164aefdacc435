package dev.deletionpipeline.worker.redrive;

import org.springframework.http.HttpStatus;

/**
 * A redrive that cannot be done, with the HTTP status that says why and, for bad input, the field at fault; nothing
 * was changed.
 */
class RedriveRefused extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    RedriveRefused(HttpStatus status, String message) {
        this(status, null, message);
    }

    private RedriveRefused(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** 400 naming the input that is wrong. */
    static RedriveRefused invalid(String field, String message) {
        return new RedriveRefused(HttpStatus.BAD_REQUEST, field, message);
    }

    HttpStatus status() {
        return status;
    }

    /** Nullable: the input at fault, for a 400. */
    String field() {
        return field;
    }
}

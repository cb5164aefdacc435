package dev.deletionpipeline.worker.redrive;

import org.springframework.http.HttpStatus;

/** A redrive that cannot be done, with the HTTP status that says why; nothing was changed. */
class RedriveRefused extends RuntimeException {

    private final HttpStatus status;

    RedriveRefused(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}

package dev.deletionpipeline.api.problems;

import java.io.IOException;

/**
 * A request body grew past the configured limit while it was being read (a chunked body has no length to check up
 * front). An {@link IOException} so that it travels through the JSON reader; the advice answers it with 413.
 */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than " + limitBytes + " bytes");
    }
}

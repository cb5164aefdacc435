package dev.deletionpipeline.worker.failure;

import java.time.Instant;
import java.util.UUID;

/**
 * Which dead letters an operator means; every given criterion must hold (AND), a null one is not applied.
 *
 * @param reason the exact {@code dlt_reason}
 * @param from dead-lettered at or after
 * @param to dead-lettered before
 */
public record DeadLetterFilter(String reason, UUID ownerId, UUID deletionId, Instant from, Instant to) {

    public static final DeadLetterFilter ANY = new DeadLetterFilter(null, null, null, null, null);

    public boolean isEmpty() {
        return equals(ANY);
    }
}

package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.topics.DeadLetterStatus;
import java.time.Instant;

/**
 * A dead letter as operators see it.
 *
 * @param publishedAt nullable: when Kafka acknowledged the dead-letter record
 * @param redrivenAt nullable: when it was put back into the pipeline
 * @param redrivenBy nullable: the admin who did it
 */
public record DeadLetterView(
        DeadLetter deadLetter, DeadLetterStatus status, Instant publishedAt, Instant redrivenAt, String redrivenBy) {}

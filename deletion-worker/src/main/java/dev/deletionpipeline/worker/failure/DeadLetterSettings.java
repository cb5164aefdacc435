package dev.deletionpipeline.worker.failure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dead-letter publishing.
 *
 * @param publishTimeout how long to wait for Kafka to acknowledge a dead-letter record
 * @param republishInterval how often the relay looks for dead letters Kafka has not acknowledged yet
 * @param republishAfter a dead letter unpublished for this long is published again by the relay
 */
@ConfigurationProperties("deletion.worker.dead-letters")
public record DeadLetterSettings(Duration publishTimeout, Duration republishInterval, Duration republishAfter) {}

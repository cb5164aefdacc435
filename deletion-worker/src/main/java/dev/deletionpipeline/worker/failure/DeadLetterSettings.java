package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.settings.PositiveDuration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Dead-letter publishing.
 *
 * @param publishTimeout how long to wait for Kafka to acknowledge a dead-letter record
 * @param republishInterval how often the relay looks for dead letters Kafka has not acknowledged yet
 * @param republishAfter a dead letter unpublished for this long is published again by the relay
 */
@Validated
@ConfigurationProperties("deletion.worker.dead-letters")
record DeadLetterSettings(
        @PositiveDuration Duration publishTimeout,
        @PositiveDuration Duration republishInterval,
        @PositiveDuration Duration republishAfter) {}

package dev.deletionpipeline.worker.intake;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How lifecycle events are consumed.
 *
 * @param groupId consumer group of all worker instances
 * @param concurrency consumers per instance (at most the partitions of {@code blocks.lifecycle.v1})
 * @param maxPollRecords records per poll, taken in as one batch insert
 * @param errorBackOffMax the longest wait between retries of a batch that failed for a reason other than its
 *     content (e.g. the database is down); such a batch is retried, never dead-lettered
 */
@Validated
@ConfigurationProperties("deletion.worker.intake")
public record IntakeSettings(
        @NotBlank String groupId,
        @Positive int concurrency,
        @Positive int maxPollRecords,
        @PositiveDuration Duration errorBackOffMax) {}

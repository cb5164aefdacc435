package dev.deletionpipeline.worker.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How lifecycle events are consumed.
 *
 * @param groupId consumer group of all worker instances
 * @param concurrency consumers per instance (at most the partitions of {@code blocks.lifecycle.v1})
 * @param maxPollRecords records per poll, taken in as one batch insert
 * @param errorBackOffMax the longest wait between retries of a batch that failed for a reason other than its
 *     content (e.g. the database is down); such a batch is retried, never dead-lettered
 */
@ConfigurationProperties("deletion.worker.intake")
public record IntakeSettings(String groupId, int concurrency, int maxPollRecords, Duration errorBackOffMax) {}

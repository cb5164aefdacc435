package dev.deletionpipeline.api.requests;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code deletion.api.requests.*}: the consumer of {@code DeletionRequested} commands.
 *
 * @param enabled whether this instance consumes commands
 * @param groupId the consumer group of all deletion-api instances
 * @param topicPrefix a deployment's prefix of the command and dead-letter topic names (empty: the contract names)
 * @param retryInterval the pause before a command that failed for a transient reason (e.g. the database) is retried
 * @param retryAttempts how many retries before such a command goes to the dead-letter topic
 */
@ConfigurationProperties("deletion.api.requests")
public record RequestsSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("deletion-api-requests") String groupId,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("2s") Duration retryInterval,
        @DefaultValue("5") int retryAttempts) {}

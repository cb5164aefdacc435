package dev.deletionpipeline.api.deletions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code deletion.api.blocks.*}: the soft delete of blocks.
 *
 * @param gracePeriod how long a soft-deleted block waits before the worker may claim it; a restore is possible only
 *     within it (0 = the worker may start at once, so there is no undo)
 */
@ConfigurationProperties("deletion.api.blocks")
public record BlockDeletionSettings(@DefaultValue("0s") Duration gracePeriod) {}

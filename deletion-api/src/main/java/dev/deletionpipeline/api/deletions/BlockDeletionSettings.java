package dev.deletionpipeline.api.deletions;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.blocks.*}: the soft delete of blocks (default and comment in {@code application.yml}).
 *
 * @param gracePeriod how long a soft-deleted block waits before the worker may claim it; a restore is possible only
 *     within it. 0 (no undo) is refused outside the {@code local} profile ({@link GracePeriodGuard}).
 */
@Validated
@ConfigurationProperties("deletion.api.blocks")
public record BlockDeletionSettings(
        @NotNull @DurationMin(seconds = 0) Duration gracePeriod) {}

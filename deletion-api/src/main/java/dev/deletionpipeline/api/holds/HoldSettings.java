package dev.deletionpipeline.api.holds;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.holds.*}: legal holds (defaults and comments in {@code application.yml}).
 *
 * @param expiryInterval how often holds past their {@code endsAt} are looked for, so that their blocks resume
 * @param expiryBatchSize the most ended holds one run processes
 */
@Validated
@ConfigurationProperties("deletion.api.holds")
record HoldSettings(
        @PositiveDuration Duration expiryInterval, @Positive int expiryBatchSize) {}

package dev.deletionpipeline.api.holds;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
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
        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration expiryInterval,

        @Positive int expiryBatchSize) {}

package dev.deletionpipeline.api.holds;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.holds.*}: legal holds.
 *
 * @param expiryInterval how often holds past their {@code endsAt} are looked for, so that their blocks resume
 * @param expiryBatchSize the most ended holds one run processes
 */
@Validated
@ConfigurationProperties("deletion.api.holds")
record HoldSettings(
        @NotNull @DefaultValue("30s") Duration expiryInterval,
        @Min(1) @DefaultValue("100") int expiryBatchSize) {}

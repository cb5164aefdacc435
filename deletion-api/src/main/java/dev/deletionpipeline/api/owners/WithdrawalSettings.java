package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.withdrawal.*}: account withdrawal and its purge (defaults and comments in
 * {@code application.yml}).
 *
 * @param restoreWindow how long a withdrawn account can be restored before its data is purged
 * @param purgeEnabled whether this instance runs the scheduled purge (several instances may; they skip each other's
 *     owners)
 * @param purgeInterval the pause between two purge runs
 * @param purgeBatchSize the most owners one purge run sends through the pipeline
 */
@Validated
@ConfigurationProperties("deletion.api.withdrawal")
public record WithdrawalSettings(
        @PositiveDuration Duration restoreWindow,
        boolean purgeEnabled,
        @PositiveDuration Duration purgeInterval,
        @Positive int purgeBatchSize) {}

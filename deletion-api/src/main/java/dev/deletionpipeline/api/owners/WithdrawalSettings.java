package dev.deletionpipeline.api.owners;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
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
        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration restoreWindow,

        boolean purgeEnabled,

        @NotNull @DurationMin(seconds = 0, inclusive = false)
        Duration purgeInterval,

        @Positive int purgeBatchSize) {}

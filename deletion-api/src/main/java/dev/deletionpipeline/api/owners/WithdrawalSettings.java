package dev.deletionpipeline.api.owners;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code deletion.api.withdrawal.*}: account withdrawal and its purge.
 *
 * @param restoreWindow how long a withdrawn account can be restored before its data is purged
 * @param purgeEnabled whether this instance runs the scheduled purge (several instances may; they skip each other's
 *     owners)
 * @param purgeInterval the pause between two purge runs
 * @param purgeBatchSize the most owners one purge run sends through the pipeline
 */
@ConfigurationProperties("deletion.api.withdrawal")
public record WithdrawalSettings(
        @DefaultValue("30d") Duration restoreWindow,
        @DefaultValue("true") boolean purgeEnabled,
        @DefaultValue("1m") Duration purgeInterval,
        @DefaultValue("100") int purgeBatchSize) {}

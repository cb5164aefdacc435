package dev.deletionpipeline.worker.quotawait;

import dev.deletionpipeline.settings.PositiveDuration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker publishes its quota wait estimates.
 *
 * @param refreshInterval how often the queues of owners that wait for quota are counted again
 * @param minChange an estimate is published again only when it moved by at least this much, and a first one only for a
 *     wait at least this long; keep it well below the reconciler's deadline, which is added to every estimate
 */
@Validated
@ConfigurationProperties("deletion.worker.quota-waits")
record QuotaWaitSettings(
        @PositiveDuration Duration refreshInterval,
        @PositiveDuration Duration minChange) {}

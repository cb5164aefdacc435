package dev.deletionpipeline.reconciler.ops;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.reconciler.ops.*}, the ops dashboard's settings (defaults and comments in {@code application.yml}).
 *
 * @param apiUrl base URL of deletion-api as the operator's browser reaches it; blank hides its panels
 * @param workerUrl base URL of deletion-worker as the operator's browser reaches it; blank hides its panels
 * @param historySize how many of the latest ops summaries {@code /v1/ops/history} keeps for the charts
 * @param maxStatusesPerEvent the most status changes one {@code status} event carries; the rest are only counted
 * @param flushInterval how often status changes are sent, coalesced per block
 * @param keepAlive how often an idle stream gets a comment line, so that proxies and dead clients are noticed
 * @param streamTimeout how long one stream stays open before the page reconnects
 */
@Validated
@ConfigurationProperties("deletion.reconciler.ops")
record OpsSettings(
        String apiUrl,
        String workerUrl,
        @Min(1) @Max(10_000) int historySize,
        @Min(1) @Max(1_000) int maxStatusesPerEvent,
        @PositiveDuration Duration flushInterval,
        @PositiveDuration Duration keepAlive,
        @PositiveDuration Duration streamTimeout) {}

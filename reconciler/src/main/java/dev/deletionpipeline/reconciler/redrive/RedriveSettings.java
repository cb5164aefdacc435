package dev.deletionpipeline.reconciler.redrive;

import dev.deletionpipeline.settings.PositiveDuration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the re-drive requests' listener ({@code deletion.reconciler.redrive.*} in {@code application.yml}).
 *
 * @param retryInterval the pause before a request whose outbox row could not be written is tried again
 */
@Validated
@ConfigurationProperties("deletion.reconciler.redrive")
record RedriveSettings(@PositiveDuration Duration retryInterval) {}

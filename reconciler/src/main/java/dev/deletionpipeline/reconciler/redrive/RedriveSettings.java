package dev.deletionpipeline.reconciler.redrive;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the re-drive requests' listener ({@code deletion.reconciler.redrive.*} in {@code application.yml}).
 *
 * @param retryInterval the pause before a request whose outbox row could not be written is tried again
 */
@ConfigurationProperties("deletion.reconciler.redrive")
record RedriveSettings(Duration retryInterval) {

    RedriveSettings {
        requireNonNull(retryInterval, "retryInterval");
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retryInterval must be positive: " + retryInterval);
        }
    }
}

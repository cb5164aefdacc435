package dev.deletionpipeline.worker.failure;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.worker.redrive.*}: the brake on redrive by filter.
 *
 * @param maxPerRequest the most dead letters one filtered redrive may put back; a filter matching more is refused (409)
 *     and must be narrowed
 */
@Validated
@ConfigurationProperties("deletion.worker.redrive")
record RedriveSettings(@Min(1) int maxPerRequest) {}

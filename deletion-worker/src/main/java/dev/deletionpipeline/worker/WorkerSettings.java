package dev.deletionpipeline.worker;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every part of the worker shares.
 *
 * @param instanceId names this worker in {@code blocks.claimed_by}; blank picks {@code <host>-<random>} at start
 */
@Validated
@ConfigurationProperties("deletion.worker")
record WorkerSettings(@NotNull String instanceId) {}

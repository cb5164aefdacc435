package dev.deletionpipeline.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every part of the worker shares.
 *
 * @param instanceId names this worker in {@code blocks.claimed_by}; blank picks {@code <host>-<random>} at start
 */
@ConfigurationProperties("deletion.worker")
public record WorkerSettings(String instanceId) {}

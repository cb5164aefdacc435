package dev.deletionpipeline.worker;

/**
 * The names, with this deployment's prefix, of the topics the worker reads ({@code blocks.lifecycle.v1}) and writes
 * straight to Kafka ({@code blocks.deletion-dead-letters.v1}, {@code deletion.quota-waits.v1}). Confirmations and
 * receipts are not here: they leave through the outbox.
 */
public record WorkerTopics(String lifecycle, String deadLetters, String quotaWaits) {}

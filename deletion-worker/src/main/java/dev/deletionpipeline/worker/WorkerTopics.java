package dev.deletionpipeline.worker;

/**
 * The names, with this deployment's prefix, of the topics the worker reads ({@code blocks.lifecycle.v1}) and writes
 * ({@code blocks.deletion-dead-letters.v1}). Confirmations are not here: they leave through the outbox.
 */
public record WorkerTopics(String lifecycle, String deadLetters) {}

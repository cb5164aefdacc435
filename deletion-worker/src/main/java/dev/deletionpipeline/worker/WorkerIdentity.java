package dev.deletionpipeline.worker;

/** The name this worker instance writes into {@code blocks.claimed_by}, so an operator can see who holds a claim. */
public record WorkerIdentity(String instanceId) {}

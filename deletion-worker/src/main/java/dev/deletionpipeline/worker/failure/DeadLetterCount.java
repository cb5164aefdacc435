package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.topics.DeadLetterStatus;

/** How many dead letters have this reason and status. */
public record DeadLetterCount(String reason, DeadLetterStatus status, long count) {}

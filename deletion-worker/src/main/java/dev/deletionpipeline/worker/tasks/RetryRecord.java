package dev.deletionpipeline.worker.tasks;

import java.time.Instant;

/** A failed attempt that will be retried at {@code dueAt}, with what Google last said. */
public record RetryRecord(
        TaskKey task, Instant dueAt, Instant failedAt, int httpStatus, String reason, String detail) {}

package dev.deletionpipeline.worker.tasks;

import java.time.Instant;

/** Move a task's next turn to {@code dueAt}: a rate-limit deferral or a wait for someone else's lease. */
public record Reschedule(TaskKey task, Instant dueAt) {}

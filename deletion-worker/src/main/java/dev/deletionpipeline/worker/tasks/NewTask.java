package dev.deletionpipeline.worker.tasks;

import dev.deletionpipeline.common.events.BlockSoftDeleted;

/** A {@code BlockSoftDeleted} taken in from Kafka, with its record kept for a possible dead letter. */
public record NewTask(BlockSoftDeleted event, KeptRecord record) {}

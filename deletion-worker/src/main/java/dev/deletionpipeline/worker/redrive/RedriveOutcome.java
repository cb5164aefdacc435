package dev.deletionpipeline.worker.redrive;

import java.util.UUID;

/**
 * The answer to a redrive.
 *
 * @param state {@code REQUEUED}: the deletion is back in the pipeline under its original event id;
 *     {@code ALREADY_CONFIRMED}: the block was hard-deleted meanwhile (e.g. with its parent), nothing to do
 */
public record RedriveOutcome(UUID deadLetterId, UUID blockId, UUID sourceEventId, String state) {}

package dev.deletionpipeline.worker.redrive;

import java.util.UUID;

/** The answer to a redrive of one dead letter. */
public record RedriveOutcome(UUID deadLetterId, UUID blockId, UUID sourceEventId, State state) {

    /** What became of the deletion. */
    public enum State {
        /** Back in the pipeline under its original event id. */
        REQUEUED,
        /** The block was hard-deleted meanwhile (e.g. with its parent): nothing to do. */
        ALREADY_CONFIRMED
    }
}

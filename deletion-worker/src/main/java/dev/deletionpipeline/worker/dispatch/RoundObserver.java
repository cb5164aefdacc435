package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hooks into a round between its steps. Production has none; tests use it to stop a worker at the worst moment
 * (Google answered, rows not yet hard-deleted) and check that a restart still ends with one hard delete.
 */
public interface RoundObserver {

    /** Google has answered for these claimed blocks; nothing has been written about it yet. */
    default void googleAnswered(List<ClaimedBlock> claimed, Map<UUID, GoogleAnswer> answers) {}
}

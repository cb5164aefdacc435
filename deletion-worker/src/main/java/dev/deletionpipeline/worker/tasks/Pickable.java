package dev.deletionpipeline.worker.tasks;

import java.util.List;

/**
 * Which tasks an instance may pick: those taken in from the lifecycle partitions it holds, or every task when it holds
 * them all (the single-instance case, picked by the same statement as without partitions).
 *
 * @param everything true when the instance holds every partition of the topic
 * @param partitions the partitions it holds
 */
record Pickable(boolean everything, List<Integer> partitions) {

    Pickable {
        partitions = List.copyOf(partitions);
    }

    /** An instance that holds no partition (yet, or any more) picks nothing. */
    boolean nothing() {
        return !everything && partitions.isEmpty();
    }
}

package dev.deletionpipeline.worker.claim;

/** What became of a task whose block could not be claimed. */
public enum UnclaimedFate {
    /** The block was hard-deleted and confirmed already (a redelivery, or a second worker): nothing new to do. */
    ALREADY_CONFIRMED,
    /** The block went with its parent before this task came in: its own confirmation is still to be written. */
    REMOVED_AS_DEPENDANT,
    /** Not yet: the grace period was extended or another attempt's lease is running. Look again later. */
    WAIT,
    /** A legal hold covers the block: wait for its release (which makes the task due at once) or the next recheck. */
    HELD,
    /** Restored, re-deleted under another deletion, dead-lettered, or gone without a receipt: this task is over. */
    DROP
}

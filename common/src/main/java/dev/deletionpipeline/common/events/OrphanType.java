package dev.deletionpipeline.common.events;

/** Why something the pipeline should have finished was found unfinished. */
public enum OrphanType {
    /** Soft-deleted, but no confirmation arrived by the deadline after {@code purgeAfter}. */
    UNCONFIRMED_TIMEOUT,
    /** The worker gave up and dead-lettered the deletion. */
    DEAD_LETTERED,
    /** A child whose {@code original_id} parent no longer exists. */
    ORPHAN_CHILD,
    /** An instance of a recurring series whose series block was hard-deleted. */
    CHAIN_LEFTOVER,
    /** Soft-deleted past the deadline with no confirmation and no open dead letter (found by the sweep). */
    STUCK_SOFT_DELETE,
    /** A worker's claim whose lease expired: the worker died mid-deletion. */
    EXPIRED_CLAIM,
    /**
     * A deletion request (key = deletion id) is unfinished and its {@code dueBy} is near: within the reconciler's
     * {@code deadline-at-risk-before}. Reported once per request.
     */
    DEADLINE_AT_RISK,
    /** A deletion request (key = deletion id) is unfinished past its {@code dueBy}. Reported once per request. */
    DEADLINE_MISSED
}

package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.OrphanType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One kind of orphan the sweep looks for: how to find it, how many rows acting on it would change, and how to act on
 * one finding safely. Each rule keeps its SQL predicate in one place and re-checks it in the statement that changes the
 * row, so a worker or a restore that got there first wins and the sweep changes nothing.
 */
interface SweepRule {

    OrphanType type();

    /** Up to {@code limit} findings whose planned action changes the database. */
    List<Finding> findActionable(Instant now, int limit);

    /**
     * Up to {@code limit} findings that are only reported. The sweep asks for these after every rule's actionable
     * findings, so that rows it must leave to an operator never crowd out rows it can repair.
     */
    default List<Finding> findReportOnly(Instant now, int limit) {
        return List.of();
    }

    /** How many rows acting on every finding (without a limit) would change: what the blast-radius guard weighs. */
    long countChanges(Instant now);

    /**
     * Carries out the finding's planned action within the caller's transaction if its row still qualifies.
     *
     * @return the finding as carried out (its reason completed with what was done), or empty when the row no longer
     *     qualifies
     */
    Optional<Finding> apply(Finding finding, Instant now);
}

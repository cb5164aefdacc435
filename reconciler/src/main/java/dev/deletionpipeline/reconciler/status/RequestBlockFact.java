package dev.deletionpipeline.reconciler.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Where one block stands for its deletion request's {@code dueBy}: sent from the per-block tracking to the per-request
 * deadline check through a repartition topic keyed by deletion id (a request's blocks live in every partition).
 *
 * @param dueBy nullable: unknown when no soft delete of the block carried one
 * @param counts whether the block keeps the request unfinished ({@link TrackedDeletion#countsForDeadline()})
 * @param at when it was seen (wall clock of the tracking task)
 */
record RequestBlockFact(UUID deletionId, UUID ownerId, UUID blockId, Instant dueBy, boolean counts, Instant at) {

    RequestBlockFact {
        requireNonNull(deletionId, "deletionId");
        requireNonNull(ownerId, "ownerId");
        requireNonNull(blockId, "blockId");
        requireNonNull(at, "at");
    }

    /**
     * What a transition changed for the deadline of the requests involved: the block now counts or no longer counts, it
     * left an older request for a newer one, or its {@code dueBy} became known. Empty when nothing changed for them.
     */
    static List<RequestBlockFact> of(Transition transition, Instant at) {
        TrackedDeletion before = transition.before();
        TrackedDeletion after = transition.after();
        List<RequestBlockFact> facts = new ArrayList<>(2);
        boolean sameRequest = before != null && before.deletionId().equals(after.deletionId());
        if (before != null && !sameRequest && before.countsForDeadline()) {
            facts.add(new RequestBlockFact(
                    before.deletionId(), before.ownerId(), before.blockId(), dueBy(before), false, at));
        }
        boolean changed = !sameRequest
                || before.countsForDeadline() != after.countsForDeadline()
                || !Objects.equals(dueBy(before), dueBy(after));
        if (changed) {
            facts.add(new RequestBlockFact(
                    after.deletionId(), after.ownerId(), after.blockId(), dueBy(after), after.countsForDeadline(), at));
        }
        return facts;
    }

    private static Instant dueBy(TrackedDeletion deletion) {
        return deletion.request() == null ? null : deletion.request().dueBy();
    }
}

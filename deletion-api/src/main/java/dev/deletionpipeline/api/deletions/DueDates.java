package dev.deletionpipeline.api.deletions;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides a deletion request's {@code dueBy} once, when the request is accepted: it is stored with the request and
 * carried on every {@code BlockSoftDeleted}, so the worker's receipts and the reconciler's deadline check read it
 * instead of computing their own.
 */
@Component
public class DueDates {

    private final DueDateSettings settings;

    DueDates(DueDateSettings settings) {
        this.settings = settings;
    }

    /**
     * @param startsAt when the clock starts: the request's time, for a withdrawal its purge date (the owner may restore
     *     the account until then, so the deletion only begins at that point)
     */
    public Instant dueBy(DeletionKind scope, Instant startsAt) {
        return startsAt.plus(settings.periodOf(scope));
    }
}

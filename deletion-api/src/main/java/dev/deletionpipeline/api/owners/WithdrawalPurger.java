package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.api.outbox.OutboxWriter;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One step of the withdrawal purge, each in its own transaction: send the next withdrawn owner past the window through
 * the pipeline (one {@code BlockSoftDeleted} outbox row per block of the WITHDRAWAL deletion, which is due by now), or
 * remove the owners whose purge has finished. Several instances may run it: {@code FOR UPDATE SKIP LOCKED} gives each
 * owner to one of them, and a restore racing with the purge waits on the same row lock.
 */
@Component
class WithdrawalPurger {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalPurger.class);

    private final Owners owners;
    private final OutboxWriter outbox;
    private final Clock clock;

    WithdrawalPurger(Owners owners, OutboxWriter outbox, Clock clock) {
        this.owners = owners;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Purges the next due owner; false when none is due. */
    @Transactional
    public boolean purgeNextDue() {
        Instant now = SqlTime.now(clock);
        Optional<Owner> due = owners.lockNextDue(now);
        if (due.isEmpty()) {
            return false;
        }
        Owner owner = due.get();
        int events = owner.deletionId() == null ? 0 : outbox.softDeletedEventsFor(owner.deletionId());
        owners.save(owner.purgeStarted(now));
        // a sign-in after the window must not reach an account whose data is being deleted
        owners.deleteSessions(owner.id());
        log.info("Purge of withdrawn owner {} started: {} blocks sent through the pipeline", owner.id(), events);
        return true;
    }

    /** Hard-deletes purged owners without blocks left, with their Google credentials; returns how many. */
    @Transactional
    public int removeFinishedOwners() {
        return owners.deletePurgedWithoutBlocks();
    }
}

package dev.deletionpipeline.api.holds;

import dev.deletionpipeline.api.approvals.AdminAudit;
import dev.deletionpipeline.api.outbox.HoldEvents;
import dev.deletionpipeline.api.problems.InvalidInputException;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.common.holds.HoldAction;
import dev.deletionpipeline.common.holds.HoldScope;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places and releases legal holds, each in one transaction with its audit entry and the lifecycle events of the
 * pending blocks it stops or frees. Writes {@code legal_holds}, {@code admin_audit} and {@code outbox}.
 */
@Service
class HoldService {

    private static final Logger log = LoggerFactory.getLogger(HoldService.class);

    private final LegalHolds holds;
    private final HoldEvents events;
    private final AdminAudit audit;
    private final Clock clock;

    HoldService(LegalHolds holds, HoldEvents events, AdminAudit audit, Clock clock) {
        this.holds = holds;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Hold place(PlaceHoldRequest request, String admin) {
        Instant now = SqlTime.now(clock);
        if (request.endsAt() != null && !request.endsAt().isAfter(now)) {
            throw new InvalidInputException("endsAt", "must be in the future");
        }
        if (!holds.ownerExists(request.ownerId())) {
            throw new NotFoundException("ownerId: no owner " + request.ownerId() + ".");
        }
        HoldScope scope;
        String calendar = request.calendarId();
        if (request.blockId() != null) {
            scope = HoldScope.BLOCK;
            calendar = holds.calendarOfBlock(request.ownerId(), request.blockId())
                    .filter(c -> request.calendarId() == null || c.equals(request.calendarId()))
                    .orElseThrow(() -> new NotFoundException("blockId: no block " + request.blockId()
                            + " of owner " + request.ownerId()
                            + (request.calendarId() == null ? "" : " in that calendar")
                            + "."));
        } else if (calendar != null) {
            scope = HoldScope.CALENDAR;
            if (!holds.calendarExists(request.ownerId(), calendar)) {
                throw new NotFoundException(
                        "calendarId: owner " + request.ownerId() + " has no block in calendar " + calendar + ".");
            }
        } else {
            scope = HoldScope.OWNER;
        }
        UUID id = UUID.randomUUID();
        holds.insert(id, scope, request, calendar, admin, now);
        audit.record(HoldAction.HOLD_PLACED, id, admin, now, request.reason());
        int held = events.heldBy(id, request.ownerId(), now);
        log.info(
                "Legal hold {} placed on {} {} by {}: {} pending blocks held",
                id,
                scope,
                request.ownerId(),
                admin,
                held);
        return holds.find(id, now).orElseThrow();
    }

    /** Releases an active hold; a released or ended one comes back unchanged, without a second audit entry. */
    @Transactional
    Hold release(UUID id, String admin, String reason) {
        Instant now = SqlTime.now(clock);
        Hold hold = holds.lock(id, now).orElseThrow(() -> new NotFoundException("No hold " + id + "."));
        if (!hold.active()) {
            return hold;
        }
        int freed = events.releasedFrom(id, hold.ownerId(), now);
        holds.release(id, now, admin, reason);
        audit.record(HoldAction.HOLD_RELEASED, id, admin, now, reason);
        log.info("Legal hold {} released by {}: {} pending blocks resume", id, admin, freed);
        return holds.find(id, now).orElseThrow();
    }

    /** Holds past their end: their blocks resume as after a release (no admin acted, so no audit entry). */
    @Transactional
    int releaseEnded(int limit) {
        Instant now = SqlTime.now(clock);
        int ended = 0;
        for (Hold hold : holds.lockEnded(now, limit)) {
            // evaluated just before its end, when the hold still counted, to find the blocks it alone held
            events.releasedFrom(hold.id(), hold.ownerId(), hold.endsAt().minusNanos(1000));
            holds.release(hold.id(), hold.endsAt(), null, null);
            ended++;
        }
        return ended;
    }
}

package dev.deletionpipeline.api.holds;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code deletion.api.holds.expiry-interval}: a hold whose {@code endsAt} has passed already counts as released
 * everywhere "held" is tested, but the worker and the reconciler only learn it from a {@code BlockHoldReleased}, which
 * this run writes. One instance at a time (ShedLock; {@code SKIP LOCKED} would also give each hold to one).
 */
@Component
class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

    private final HoldService service;
    private final HoldSettings settings;

    HoldExpiry(HoldService service, HoldSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${deletion.api.holds.expiry-interval}")
    @SchedulerLock(name = "deletion-api.hold-expiry")
    public void run() {
        try {
            int ended = service.releaseEnded(settings.expiryBatchSize());
            if (ended > 0) {
                log.info("{} legal holds reached their end; their blocks resume", ended);
            }
        } catch (DataAccessException e) {
            log.warn(
                    "Hold expiry failed; the next run retries: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }
}

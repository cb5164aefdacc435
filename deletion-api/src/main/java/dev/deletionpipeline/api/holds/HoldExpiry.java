package dev.deletionpipeline.api.holds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code deletion.api.holds.expiry-interval}: a hold whose {@code endsAt} has passed already counts as released
 * everywhere "held" is tested, but the worker and the reconciler only learn it from a {@code BlockHoldReleased}, which
 * this run writes. Several instances may run it; {@code SKIP LOCKED} gives each hold to one.
 */
@Component
class HoldExpiry implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

    private final HoldService service;
    private final HoldSettings settings;

    HoldExpiry(HoldService service, HoldSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::run, settings.expiryInterval());
    }

    void run() {
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

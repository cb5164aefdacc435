package dev.deletionpipeline.worker.housekeeping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Housekeeping} every {@code deletion.worker.housekeeping.interval} (the first run one interval after
 * start, so that a restart loop does not run it each time). Off with {@code deletion.worker.housekeeping.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.worker.housekeeping.enabled", matchIfMissing = true)
class HousekeepingSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HousekeepingSchedule.class);

    private final Housekeeping housekeeping;
    private final HousekeepingSettings settings;

    HousekeepingSchedule(Housekeeping housekeeping, HousekeepingSettings settings) {
        this.housekeeping = housekeeping;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, settings.interval(), settings.interval()));
    }

    void run() {
        try {
            housekeeping.runOnce();
        } catch (DataAccessException e) {
            log.warn(
                    "Housekeeping failed; the next run retries: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }
}

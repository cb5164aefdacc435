package dev.deletionpipeline.worker.housekeeping;

import dev.deletionpipeline.worker.receipts.DeletionReceipts;
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
 * start, so that a restart loop does not run it each time), and the receipts' upkeep with it: receipts of restored
 * deletions that no {@code BlockRestored} announced, and the removal of receipts past their compliance period. Off with {@code deletion.worker.housekeeping.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.worker.housekeeping.enabled", matchIfMissing = true)
class HousekeepingSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HousekeepingSchedule.class);

    private final Housekeeping housekeeping;
    private final HousekeepingSettings settings;
    private final DeletionReceipts receipts;

    HousekeepingSchedule(Housekeeping housekeeping, HousekeepingSettings settings, DeletionReceipts receipts) {
        this.housekeeping = housekeeping;
        this.settings = settings;
        this.receipts = receipts;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, settings.interval(), settings.interval()));
    }

    void run() {
        try {
            housekeeping.runOnce();
            int restored = receipts.completeRestored(settings.batchSize());
            int pruned = receipts.pruneExpired();
            log.info(
                    "Receipts: {} written for restored deletions nothing announced, {} removed past their"
                            + " compliance period",
                    restored,
                    pruned);
        } catch (DataAccessException e) {
            log.warn(
                    "Housekeeping failed; the next run retries: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }
}

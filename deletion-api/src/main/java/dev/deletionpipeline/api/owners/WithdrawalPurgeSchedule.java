package dev.deletionpipeline.api.owners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the withdrawal purge every {@code deletion.api.withdrawal.purge-interval}: up to
 * {@code purge-batch-size} due owners per run, then the clean-up of finished ones. Off with
 * {@code deletion.api.withdrawal.purge-enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.api.withdrawal.purge-enabled", matchIfMissing = true)
class WithdrawalPurgeSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalPurgeSchedule.class);

    private final WithdrawalPurger purger;
    private final WithdrawalSettings settings;

    WithdrawalPurgeSchedule(WithdrawalPurger purger, WithdrawalSettings settings) {
        this.purger = purger;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::run, settings.purgeInterval());
    }

    void run() {
        try {
            int purged = 0;
            while (purged < settings.purgeBatchSize() && purger.purgeNextDue()) {
                purged++;
            }
            int removed = purger.removeFinishedOwners();
            if (purged > 0 || removed > 0) {
                log.info(
                        "Withdrawal purge: {} owners sent through the pipeline, {} finished owners removed",
                        purged,
                        removed);
            }
        } catch (DataAccessException e) {
            log.warn(
                    "Withdrawal purge failed; the next run retries: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }
}

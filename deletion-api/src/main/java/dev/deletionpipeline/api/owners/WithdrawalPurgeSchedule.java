package dev.deletionpipeline.api.owners;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the withdrawal purge every {@code deletion.api.withdrawal.purge-interval}: up to
 * {@code purge-batch-size} due owners per run, then the clean-up of finished ones. Off with
 * {@code deletion.api.withdrawal.purge-enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.api.withdrawal.purge-enabled", matchIfMissing = true)
class WithdrawalPurgeSchedule {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalPurgeSchedule.class);

    private final WithdrawalPurger purger;
    private final WithdrawalSettings settings;

    WithdrawalPurgeSchedule(WithdrawalPurger purger, WithdrawalSettings settings) {
        this.purger = purger;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${deletion.api.withdrawal.purge-interval}")
    @SchedulerLock(name = "deletion-api.withdrawal-purge")
    public void run() {
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

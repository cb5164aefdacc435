package dev.deletionpipeline.worker.housekeeping;

import dev.deletionpipeline.worker.housekeeping.Housekeeping.HousekeepingSettings;
import dev.deletionpipeline.worker.receipts.DeletionReceipts;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Housekeeping} every {@code deletion.worker.housekeeping.interval} (the first run one interval after
 * start, so that a restart loop does not run it each time), and the receipts' upkeep with it: receipts of restored
 * deletions that no {@code BlockRestored} announced, and the removal of receipts past their compliance period. One
 * instance at a time (ShedLock, see {@code ScheduledJobsAutoConfiguration}). Off with
 * {@code deletion.worker.housekeeping.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "deletion.worker.housekeeping.enabled", matchIfMissing = true)
class HousekeepingSchedule {

    private static final Logger log = LoggerFactory.getLogger(HousekeepingSchedule.class);

    private final Housekeeping housekeeping;
    private final HousekeepingSettings settings;
    private final DeletionReceipts receipts;

    HousekeepingSchedule(Housekeeping housekeeping, HousekeepingSettings settings, DeletionReceipts receipts) {
        this.housekeeping = housekeeping;
        this.settings = settings;
        this.receipts = receipts;
    }

    @Scheduled(
            fixedDelayString = "${deletion.worker.housekeeping.interval}",
            initialDelayString = "${deletion.worker.housekeeping.interval}")
    @SchedulerLock(name = "deletion-worker.housekeeping")
    public void run() {
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

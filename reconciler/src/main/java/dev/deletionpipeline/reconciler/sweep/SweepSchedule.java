package dev.deletionpipeline.reconciler.sweep;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link SafetyNetSweep} {@code interval} after the end of the previous run (so runs never overlap), starting
 * {@code initial-delay} after start-up, on one reconciler instance at a time (ShedLock): two instances sweeping the same
 * rows would re-drive and report them twice. A failed run is logged and the schedule goes on.
 */
class SweepSchedule {

    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final SafetyNetSweep sweep;
    private final SweepSettings settings;

    SweepSchedule(SafetyNetSweep sweep, SweepSettings settings) {
        this.sweep = sweep;
        this.settings = settings;
        log.info(
                "Safety-net sweep scheduled every {} (dry run: {}, at most {} rows, at most {} of the blocks table)",
                settings.interval(),
                settings.dryRun(),
                settings.maxRows(),
                settings.maxShare());
    }

    @Scheduled(
            fixedDelayString = "${deletion.reconciler.sweep.interval}",
            initialDelayString = "${deletion.reconciler.sweep.initial-delay}")
    @SchedulerLock(name = "reconciler.sweep")
    public void runOnce() {
        try {
            SweepResult result = sweep.run();
            log.info(
                    "Safety-net sweep finished: {} findings {}{}",
                    result.reports().size(),
                    result.countsByAction(),
                    result.aborted() ? " (aborted by the blast-radius guard)" : "");
        } catch (RuntimeException e) {
            log.error("Safety-net sweep failed; the next one runs in {}", settings.interval(), e);
        }
    }
}

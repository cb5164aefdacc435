package dev.deletionpipeline.reconciler.sweep;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the {@link SafetyNetSweep} on its own thread, {@code interval} after the end of the previous run (so runs never
 * overlap), starting {@code initialDelay} after start-up. A failed run is logged and the schedule goes on.
 */
final class SweepSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final SafetyNetSweep sweep;
    private final SweepSettings settings;
    private final Clock clock;
    private ThreadPoolTaskScheduler scheduler;

    SweepSchedule(SafetyNetSweep sweep, SweepSettings settings, Clock clock) {
        this.sweep = sweep;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("safety-net-sweep-");
        scheduler.setClock(clock);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(
                this::runOnce, clock.instant().plus(settings.initialDelay()), settings.interval());
        log.info(
                "Safety-net sweep scheduled every {} (dry run: {}, at most {} rows, at most {} of the blocks table)",
                settings.interval(),
                settings.dryRun(),
                settings.maxRows(),
                settings.maxShare());
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void runOnce() {
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

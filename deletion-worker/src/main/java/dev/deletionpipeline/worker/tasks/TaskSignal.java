package dev.deletionpipeline.worker.tasks;

import java.time.Duration;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Wakes the idle dispatchers when new tasks were taken in, so that a deletion without grace period starts at once
 * instead of at the next idle poll.
 */
@Component
public class TaskSignal {

    // one registered party: every signal advances the phase and wakes all who wait for the phase they saw
    private final Phaser phaser = new Phaser(1);

    public void signal() {
        phaser.arrive();
    }

    /** @return true when woken by {@link #signal()}, false when the timeout passed first */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            phaser.awaitAdvanceInterruptibly(phaser.getPhase(), timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}

package dev.deletionpipeline.worker.tasks;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes the idle dispatchers when new tasks were taken in, so that a deletion without grace period starts at once
 * instead of at the next idle poll.
 */
@Component
public class TaskSignal {

    private final Object monitor = new Object();
    private long generation;

    public void signal() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until {@link #signal()} or the timeout, whichever comes first.
     *
     * @return true when woken by a signal
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            long seen = generation;
            long left;
            while (generation == seen && (left = deadline - System.nanoTime()) > 0) {
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return generation != seen;
        }
    }
}

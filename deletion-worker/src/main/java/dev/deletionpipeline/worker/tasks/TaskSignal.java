package dev.deletionpipeline.worker.tasks;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Wakes the idle dispatchers when new tasks were taken in, so that a deletion without grace period starts at once
 * instead of at the next idle poll. Signals are counted: a dispatcher that read the count before its round is woken by
 * any signal since, also one that came while the round ran. (It was a one-party {@code Phaser}, whose
 * {@code arrive()} throws when two threads arrive at once: the intake's consumers and the due poller signal
 * concurrently.)
 */
@Component
public class TaskSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private long count;

    public void signal() {
        lock.lock();
        try {
            count++;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The signals so far, for {@link #awaitAfter}. */
    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** @return true when signalled after {@code seen} (at once if that happened already), false when the timeout passed */
    public boolean awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (count == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = signalled.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}

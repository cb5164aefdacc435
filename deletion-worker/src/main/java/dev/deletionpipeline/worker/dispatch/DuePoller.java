package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The dispatcher threads: each runs {@link DeletionRound}s while tasks are due, and otherwise sleeps until the next
 * task falls due, new tasks are taken in, or {@code idle-poll} passes — never a busy loop, never a sleeping listener.
 * On shutdown it stops picking, lets rounds in flight finish (up to {@code shutdown-timeout}) and rounds that had
 * only claimed hand their claims back.
 */
@Component
class DuePoller implements SmartLifecycle {

    /** {@code deletion.worker.dispatch.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.dispatch")
    record DispatchSettings(
            @Positive int dispatchers,
            @Positive int roundSize,
            @Positive int perOwnerRoundSize,
            @PositiveDuration Duration claimLease,
            @PositiveDuration Duration idlePoll,
            @NotNull @DurationMin(seconds = 0) Duration shutdownTimeout,
            @PositiveDuration Duration heldRecheck) {}

    private static final Logger log = LoggerFactory.getLogger(DuePoller.class);
    private static final Duration SHORTEST_NAP = Duration.ofMillis(5);

    private final DeletionRound round;
    private final TaskStore tasks;
    private final TaskSignal signal;
    private final DispatchSettings settings;
    private final Clock clock;
    private final List<Thread> dispatchers = new ArrayList<>();
    private volatile boolean running;

    DuePoller(DeletionRound round, TaskStore tasks, TaskSignal signal, DispatchSettings settings, Clock clock) {
        this.round = round;
        this.tasks = tasks;
        this.signal = signal;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 1; i <= settings.dispatchers(); i++) {
            Thread dispatcher = new Thread(this::dispatch, "deletion-dispatch-" + i);
            dispatcher.setDaemon(true);
            dispatchers.add(dispatcher);
            dispatcher.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        signal.signal();
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        for (Thread dispatcher : dispatchers) {
            try {
                dispatcher.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        dispatchers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka listener containers and the connection pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void dispatch() {
        while (running) {
            try {
                if (round.run(() -> running) == 0) {
                    idle();
                }
            } catch (RuntimeException e) {
                log.warn("Deletion round failed; its claims lapse at the end of their lease", e);
                nap(settings.idlePoll());
            }
        }
    }

    /**
     * Sleeps until the next task falls due or new ones were taken in. Between naps it asks only when the next task is
     * due (an index lookup), not for a whole pick, which reads every due task and would keep an idle worker busy; and
     * only for the tasks this instance may pick, or another instance's due tasks would wake it in a loop.
     */
    private void idle() {
        while (running) {
            Duration wait = settings.idlePoll();
            Instant now = clock.instant();
            Instant next = tasks.nextDueAt().orElse(null);
            boolean dueWithinWait = next != null && next.isBefore(now.plus(wait));
            if (dueWithinWait) {
                Duration untilDue = Duration.between(now, next);
                wait = untilDue.compareTo(SHORTEST_NAP) < 0 ? SHORTEST_NAP : untilDue;
            }
            if (nap(wait) || dueWithinWait) {
                return;
            }
        }
    }

    /** @return true when woken because new tasks were taken in */
    private boolean nap(Duration wait) {
        try {
            return signal.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }
}

package dev.deletionpipeline.worker.dispatch;

import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.dispatch.DeletionRound.Outcome;
import dev.deletionpipeline.worker.tasks.TaskSignal;
import dev.deletionpipeline.worker.tasks.TaskStore;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hibernate.validator.constraints.time.DurationMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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
    private ExecutorService dispatchers;
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
        CustomizableThreadFactory threads = new CustomizableThreadFactory("deletion-dispatch-");
        threads.setDaemon(true);
        dispatchers = Executors.newFixedThreadPool(settings.dispatchers(), threads);
        for (int i = 0; i < settings.dispatchers(); i++) {
            dispatchers.execute(this::dispatch);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        signal.signal();
        dispatchers.shutdown();
        try {
            dispatchers.awaitTermination(settings.shutdownTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            // read before the round: tasks taken in while it runs wake the nap after it
            long seen = signal.count();
            try {
                Outcome outcome = round.run(() -> running);
                if (outcome.picked() == 0) {
                    outcome.quotaRest()
                            .ifPresentOrElse(nextPermitIn -> restForQuota(seen, nextPermitIn), () -> idle(seen));
                }
            } catch (RuntimeException e) {
                log.warn("Deletion round failed; its claims lapse at the end of their lease", e);
                // a whole pause, not cut short by what came in meanwhile: the next round would likely fail alike
                nap(signal.count(), settings.idlePoll());
            }
        }
    }

    /**
     * Sleeps until the next task falls due or new ones were taken in. Between naps it asks only when the next task is
     * due (an index lookup), not for a whole pick, which reads every due task and would keep an idle worker busy; and
     * only for the tasks this instance may pick, or another instance's due tasks would wake it in a loop.
     */
    private void idle(long seen) {
        while (running) {
            Instant now = clock.instant();
            Optional<Duration> untilDue = tasks.nextDueAt()
                    .map(next -> Duration.between(now, next))
                    .filter(wait -> wait.compareTo(settings.idlePoll()) < 0);
            Duration wait = untilDue.map(DuePoller::atLeastShortestNap).orElse(settings.idlePoll());
            if (nap(seen, wait) || untilDue.isPresent()) {
                return;
            }
        }
    }

    /**
     * The quotas held back every due task this instance may pick: looking again before the next permit would find the
     * same, so sleep until then (at most {@code idle-poll}, and new tasks wake it).
     */
    private void restForQuota(long seen, Duration nextPermitIn) {
        Duration wait = nextPermitIn.compareTo(settings.idlePoll()) < 0 ? nextPermitIn : settings.idlePoll();
        nap(seen, atLeastShortestNap(wait));
    }

    private static Duration atLeastShortestNap(Duration wait) {
        return wait.compareTo(SHORTEST_NAP) < 0 ? SHORTEST_NAP : wait;
    }

    /** @return true when woken because new tasks were taken in since {@code seen} */
    private boolean nap(long seen, Duration wait) {
        try {
            return signal.awaitAfter(seen, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }
}

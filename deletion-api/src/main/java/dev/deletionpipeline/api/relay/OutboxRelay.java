package dev.deletionpipeline.api.relay;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The CDC relay of deletion-api: turns committed outbox rows into Kafka events ({@code blocks.lifecycle.v1},
 * {@code blocks.hard-delete-confirmed.v1}). Every instance runs one; only the one that holds the {@link LeaderLock}
 * runs the {@link CaptureEngine}, each time after {@link SlotRecovery} checked the replication slot. Every
 * {@code leader-poll-interval} a standby tries the lock, and the active instance checks that it still holds it and
 * restarts an engine that ended by itself (Kafka or the database went away, or PostgreSQL invalidated the slot).
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    // the web server starts at DEFAULT_PHASE - 2048
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final RelaySettings settings;
    private final LeaderLock lock;
    private final CaptureEngine engine;
    private final SlotRecovery slotRecovery;
    private ScheduledExecutorService leadership;

    OutboxRelay(RelaySettings settings, String topicPrefix, RelayMetrics metrics) {
        this.settings = settings;
        this.lock = new LeaderLock(settings.database(), settings.slotName());
        this.engine = new CaptureEngine(settings, topicPrefix, metrics);
        this.slotRecovery = new SlotRecovery(settings, metrics);
        metrics.watchActivity(this::isActive);
    }

    /** True while this instance holds the lock and its engine runs. */
    boolean isActive() {
        return lock.isHeld() && engine.isRunning();
    }

    @Override
    public synchronized void start() {
        if (leadership != null) {
            return;
        }
        leadership = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay-leadership"));
        leadership.scheduleWithFixedDelay(
                this::checkLeadership, 0, settings.leaderPollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the engine (its acknowledged offsets are committed), then gives the lock to the next instance. */
    @Override
    public synchronized void stop() {
        if (leadership == null) {
            return;
        }
        leadership.shutdown();
        try {
            leadership.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leadership = null;
        engine.stop();
        lock.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return leadership != null;
    }

    /** Before the web server: a relay phase below it starts earlier and stops later. */
    @Override
    public int getPhase() {
        return PHASE;
    }

    private void checkLeadership() {
        try {
            if (!lock.isHeld()) {
                if (lock.tryAcquire()) {
                    LOG.info("This instance is now the active outbox relay (slot {})", settings.slotName());
                    startEngine();
                }
            } else if (!lock.confirmHeld()) {
                engine.stop();
            } else if (!engine.isRunning()) {
                LOG.info("Restarting the outbox relay engine");
                engine.stop();
                startEngine();
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay leadership check failed", e);
        }
    }

    /** Checks the slot first (a lost one is recreated and the outbox re-published); a failure is retried next poll. */
    private void startEngine() {
        try {
            slotRecovery.prepare();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check replication slot " + settings.slotName(), e);
        }
        engine.start();
    }

    /** For the Spring container: also ends the engine's thread. */
    void destroy() {
        stop();
        engine.shutdown();
    }
}

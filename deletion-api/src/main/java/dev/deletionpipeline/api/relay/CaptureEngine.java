package dev.deletionpipeline.api.relay;

import dev.deletionpipeline.api.relay.offsets.RelayOffsetStore;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded Debezium engine (the async engine of Debezium 3) at a time, with its own Kafka producer: started when
 * this instance becomes the active relay, closed when it stops being one. Reads the {@code outbox} table's changes
 * through the replication slot; offsets go to the Kafka offset topic.
 */
final class CaptureEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureEngine.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_RETRY = Duration.ofMillis(50);

    private final RelaySettings settings;
    private final String topicPrefix;
    private final RelayMetrics metrics;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay-engine"));
    private final AtomicBoolean running = new AtomicBoolean();
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private Producer<String, byte[]> producer;
    private Future<?> run;
    private String engineRun;

    CaptureEngine(RelaySettings settings, String topicPrefix, RelayMetrics metrics) {
        this.settings = settings;
        this.topicPrefix = topicPrefix;
        this.metrics = metrics;
    }

    /** Starts streaming; does nothing while an engine is already running. */
    synchronized void start() {
        if (engine != null) {
            return;
        }
        producer = KafkaForwarder.createProducer(settings.kafka());
        engineRun = UUID.randomUUID().toString();
        Properties properties = OutboxConnectorProperties.engine(settings, topicPrefix);
        properties.setProperty(RelayOffsetStore.ENGINE_RUN, engineRun);
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties)
                .notifying(new KafkaForwarder(producer, settings.source(), metrics))
                .using(this::completed)
                .build();
        running.set(true);
        run = runner.submit(engine);
        LOG.info("Outbox relay engine started on slot {}", settings.slotName());
    }

    /** True from {@link #start} until the engine ends, whether it was closed or it failed. */
    boolean isRunning() {
        return running.get();
    }

    /** Closes the engine, which commits the offsets of every record Kafka acknowledged, then the producer. */
    synchronized void stop() {
        if (engine == null) {
            return;
        }
        try {
            closeEngine();
            run.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException | IllegalStateException e) {
            LOG.warn("The outbox relay engine did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (run.isDone()) {
                RelayOffsetStore.stopIfLeftRunning(engineRun);
            }
            producer.close(STOP_TIMEOUT);
            engine = null;
            producer = null;
            running.set(false);
            LOG.info("Outbox relay engine stopped; slot {} is kept", settings.slotName());
        }
    }

    /**
     * Debezium refuses to close an engine while its tasks are being started ("Cannot stop engine while tasks are
     * starting"): asked again until it accepts, the engine ends by itself, or the stop timeout passes. Without this a
     * stop in that moment (a lead lost, the service stopping right after taking the lead) threw, and the engine ran on
     * with a closed producer.
     */
    private void closeEngine() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (true) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException tasksStarting) {
                if (run.isDone() || System.nanoTime() > deadline) {
                    throw tasksStarting;
                }
                TimeUnit.MILLISECONDS.sleep(CLOSE_RETRY.toMillis());
            }
        }
    }

    /** Stops for good: the engine and the thread that runs it. */
    void shutdown() {
        stop();
        runner.shutdownNow();
    }

    private void completed(boolean success, String message, Throwable error) {
        running.set(false);
        if (!success) {
            LOG.warn("The outbox relay engine ended: {}", message, error);
        }
    }
}

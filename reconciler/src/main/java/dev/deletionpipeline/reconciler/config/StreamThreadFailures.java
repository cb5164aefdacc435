package dev.deletionpipeline.reconciler.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a Kafka Streams thread dies. Kafka Streams' default shuts the whole client down: on a starved
 * machine one transaction that outlived {@code transaction.timeout.ms} (the coordinator aborts it, the commit then fails
 * with {@code InvalidTxnStateException}) left the reconciler answering HTTP with no tracking, no statuses and no orphan
 * alarms. A new thread resumes from the last committed transaction, so replacing it keeps exactly-once. A failure that
 * keeps coming back is not transient: after {@link #MAX_REPLACEMENTS} within {@link #WINDOW} the client shuts down, and
 * {@link KafkaStreamsHealth} reports DOWN so that the platform restarts the service.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    static final int MAX_REPLACEMENTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final Clock clock;
    private final Deque<Instant> replacements = new ArrayDeque<>();

    StreamThreadFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!replacements.isEmpty() && !replacements.peekFirst().isAfter(now.minus(WINDOW))) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            log.error(
                    "A Kafka Streams thread failed for the {}th time within {}; tracking stops and the health check"
                            + " reports DOWN",
                    MAX_REPLACEMENTS + 1,
                    WINDOW,
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        log.error("A Kafka Streams thread failed; a new one resumes from the last committed transaction", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}

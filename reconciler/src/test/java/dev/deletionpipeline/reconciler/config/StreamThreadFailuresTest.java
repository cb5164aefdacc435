package dev.deletionpipeline.reconciler.config;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.reconciler.sweep.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class StreamThreadFailuresTest {

    private static final Throwable ABORTED_TRANSACTION = new StreamsException(
            "Error encountered trying to commit a transaction", new InvalidTxnStateException("aborted"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T04:18:06Z"));

    @Test
    void aThreadKilledByAnAbortedTransactionIsReplacedNotTheWholeClientShutDown() {
        assertThat(new StreamThreadFailures(clock).handle(ABORTED_TRANSACTION)).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void aFailureThatKeepsComingBackShutsTheClientDownAndOldFailuresAreForgotten() {
        StreamThreadFailures failures = new StreamThreadFailures(clock);
        for (int i = 0; i < StreamThreadFailures.MAX_REPLACEMENTS; i++) {
            assertThat(failures.handle(ABORTED_TRANSACTION))
                    .as("failure %d", i + 1)
                    .isEqualTo(REPLACE_THREAD);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(failures.handle(ABORTED_TRANSACTION)).isEqualTo(SHUTDOWN_CLIENT);

        clock.advance(StreamThreadFailures.WINDOW.plusSeconds(1));
        assertThat(failures.handle(ABORTED_TRANSACTION))
                .as("once the earlier failures are older than the window")
                .isEqualTo(REPLACE_THREAD);
    }

    @Test
    void healthIsDownOnceKafkaStreamsHasStoppedOrFailed() {
        assertThat(KafkaStreamsHealth.of(State.RUNNING).getStatus()).isEqualTo(Status.UP);
        assertThat(KafkaStreamsHealth.of(State.REBALANCING).getStatus()).isEqualTo(Status.UP);
        assertThat(KafkaStreamsHealth.of(State.ERROR).getStatus()).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealth.of(State.PENDING_ERROR).getStatus()).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealth.of(State.NOT_RUNNING).getDetails()).containsEntry("state", "NOT_RUNNING");
    }
}

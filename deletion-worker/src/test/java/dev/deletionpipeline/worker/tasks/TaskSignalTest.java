package dev.deletionpipeline.worker.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskSignalTest {

    private final TaskSignal signal = new TaskSignal();

    @Test
    void manyThreadsSignallingAtOnceNeverFail() throws Exception {
        ExecutorService intake = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> signallers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                signallers.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 100_000; i++) {
                                signal.signal();
                            }
                        },
                        intake));
            }
            CompletableFuture.allOf(signallers.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            intake.shutdownNow();
        }

        assertThat(signal.count()).isEqualTo(400_000);
    }

    @Test
    void aSignalAfterTheCountWasReadWakesAtOnceEvenIfItCameBeforeTheWait() throws Exception {
        long seen = signal.count();
        signal.signal();

        assertThat(signal.awaitAfter(seen, Duration.ofDays(1))).isTrue();
    }

    @Test
    void withoutASignalTheWaitEndsAtItsTimeout() throws Exception {
        assertThat(signal.awaitAfter(signal.count(), Duration.ofMillis(20))).isFalse();
    }

    @Test
    void aWaitingDispatcherIsWokenBySignalFromAnotherThread() throws Exception {
        long seen = signal.count();
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.awaitAfter(seen, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        signal.signal();

        assertThat(woken.get(10, TimeUnit.SECONDS)).isTrue();
    }
}

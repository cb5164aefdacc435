package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Single deletes at a fixed rate, open-loop: delete {@code i} is due at {@code start + i/rate} whether or not earlier
 * ones have been answered, and its latency runs from that intended start (no coordinated omission: a stalled API shows
 * as queueing in the percentiles, not as a lower rate).
 */
final class OpenLoopLoad {

    /** One delete: when it was due and when its answer arrived ({@link System#nanoTime()}), and the status. */
    record Sample(Target target, long dueNanos, long answeredNanos, int status) {

        double latencyMillis() {
            return (answeredNanos - dueNanos) / 1e6;
        }
    }

    private final ApiClient api;

    OpenLoopLoad(ApiClient api) {
        this.api = api;
    }

    List<Sample> run(List<Target> targets, int rate) {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        List<CompletableFuture<Sample>> pending = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            long due = start + i * period;
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            pending.add(
                    api.deleteAsync(target).thenApply(status -> new Sample(target, due, System.nanoTime(), status)));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }
}

package dev.deletionpipeline.api.bench;

import dev.deletionpipeline.api.bench.BenchData.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires {@code DELETE /v1/blocks/{id}} at a fixed rate, open-loop: request {@code i} is due at {@code start + i/rate}
 * whether or not earlier ones have been answered, and its latency runs from that intended start, not from when it was
 * actually sent. A stalled server therefore shows in the percentiles instead of slowing the load down (no coordinated
 * omission).
 */
final class OpenLoopLoad {

    /** One request: when it was due and when its answer arrived, both {@link System#nanoTime()}. */
    record Sample(Target target, long dueNanos, long answeredNanos, int status) {

        long latencyNanos() {
            return answeredNanos - dueNanos;
        }
    }

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    OpenLoopLoad(int port) {
        this.base = "http://127.0.0.1:" + port + "/v1/blocks/";
    }

    /** Deletes every target, {@code rate} per second, and returns once every answer is in. */
    List<Sample> run(List<Target> targets, int rate) {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        List<CompletableFuture<Sample>> pending = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            long due = start + i * period;
            waitUntil(due);
            pending.add(send(targets.get(i), due));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Sample> send(Target target, long due) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + target.blockId()))
                .header("Authorization", "Bearer " + target.token())
                .timeout(ANSWER_TIMEOUT)
                .DELETE()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) ->
                        new Sample(target, due, System.nanoTime(), error == null ? response.statusCode() : -1));
    }

    private static void waitUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

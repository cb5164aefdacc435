package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.bench.BenchData.Owner;
import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One timed bulk deletion through the whole pipeline: every owner's calendar deleted with one
 * {@code POST /v1/deletions}, all at once, at a given stand-in latency. Throughput runs from the first 202 (the
 * earliest commit a client can observe) to the last {@code HardDeleteConfirmed} received from Kafka.
 */
final class BulkRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final ApiClient api;
    private final StandInControl standIn;
    private final Pipeline pipeline;

    BulkRun(ApiClient api, StandInControl standIn, Pipeline pipeline) {
        this.api = api;
        this.standIn = standIn;
        this.pipeline = pipeline;
    }

    Map<String, Object> run(List<Owner> owners, String calendarId, List<Target> targets, int googleLatencyMs)
            throws Exception {
        standIn.setLatency(googleLatencyMs);
        standIn.clearCalls();
        long sent = System.currentTimeMillis();
        Map<Owner, String> calendars = new LinkedHashMap<>();
        owners.forEach(owner -> calendars.put(owner, calendarId));
        List<Long> answers = deleteCalendars(api, calendars);
        List<Object> blockIds = targets.stream().map(t -> (Object) t.blockId()).toList();
        pipeline.awaitConfirmed(blockIds, TIMEOUT);
        long committed = answers.stream().mapToLong(Long::longValue).min().orElseThrow();
        long lastAnswer = answers.stream().mapToLong(Long::longValue).max().orElseThrow();
        long lastOnLifecycle = lastReceived(pipeline.softDeleted(), blockIds);
        long lastConfirmed = lastReceived(pipeline.confirmed(), blockIds);
        long requests = standIn.httpRequests();
        double seconds = (lastConfirmed - committed) / 1000.0;
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("google_latency_ms", googleLatencyMs);
        run.put("blocks", targets.size());
        run.put("e2e_deletions_per_s", Percentiles.round(targets.size() / seconds));
        run.put("commit_to_last_confirmation_s", seconds);
        run.put("bulk_calls_s", (lastAnswer - sent) / 1000.0);
        run.put("commit_to_last_soft_deleted_on_kafka_s", (lastOnLifecycle - committed) / 1000.0);
        run.put("google_http_requests", requests);
        run.put("google_http_requests_per_deletion", Math.round(1000.0 * requests / targets.size()) / 1000.0);
        return run;
    }

    /** Each owner's calendar deleted with one {@code POST /v1/deletions}, all at once: the epoch milliseconds of each 202. */
    static List<Long> deleteCalendars(ApiClient api, Map<Owner, String> calendars) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calendars.size());
        try {
            List<Future<Long>> calls = new ArrayList<>();
            for (Map.Entry<Owner, String> calendar : calendars.entrySet()) {
                calls.add(pool.submit(() -> {
                    int status = api.deleteCalendar(calendar.getKey(), calendar.getValue());
                    if (status != 202) {
                        throw new IllegalStateException("POST /v1/deletions answered " + status);
                    }
                    return System.currentTimeMillis();
                }));
            }
            List<Long> answers = new ArrayList<>();
            for (Future<Long> call : calls) {
                answers.add(call.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long lastReceived(TopicRecorder recorder, List<Object> keys) {
        return keys.stream()
                .map(recorder::seen)
                .filter(java.util.Objects::nonNull)
                .mapToLong(TopicRecorder.Seen::receivedMillis)
                .max()
                .orElseThrow();
    }
}

package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import dev.deletionpipeline.endtoend.bench.OpenLoopLoad.Sample;
import dev.deletionpipeline.endtoend.bench.TopicRecorder.Seen;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Single deletes through REST at a steady rate with the stand-in slowed down, timed per block: the API's answer (from
 * the intended start), the soft delete's way to Kafka (commit → {@code BlockSoftDeleted} received) and the whole way
 * (commit → {@code HardDeleteConfirmed} received). "Commit" is the soft-delete transaction's start as the outbox row's
 * {@code created_at} ({@code ce_time}) records it, a few milliseconds before the commit: the latencies are slight
 * overestimates, never flattered by when the client happened to read the answer. The warm-up is sent but not measured.
 */
final class LatencyRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The report's latency keys. */
    record Result(Percentiles e2e, Percentiles cdc, Percentiles api, Map<String, Object> details) {}

    private final OpenLoopLoad load;
    private final StandInControl standIn;
    private final Pipeline pipeline;

    LatencyRun(OpenLoopLoad load, StandInControl standIn, Pipeline pipeline) {
        this.load = load;
        this.standIn = standIn;
        this.pipeline = pipeline;
    }

    Result run(List<Target> targets, int rate, int warmupSeconds, int googleLatencyMs) {
        standIn.setLatency(googleLatencyMs);
        standIn.clearCalls();
        List<Sample> samples = load.run(targets, rate);
        pipeline.awaitConfirmed(
                samples.stream()
                        .filter(s -> s.status() == 202)
                        .map(s -> s.target().blockId())
                        .toList(),
                TIMEOUT);
        long requests = standIn.httpRequests();
        List<Sample> measured = samples.subList(Math.min(samples.size(), rate * warmupSeconds), samples.size());
        double[] api = measured.stream().mapToDouble(Sample::latencyMillis).toArray();
        List<Sample> accepted = measured.stream().filter(s -> s.status() == 202).toList();
        double[] cdc = new double[accepted.size()];
        double[] e2e = new double[accepted.size()];
        for (int i = 0; i < accepted.size(); i++) {
            Seen softDeleted =
                    pipeline.softDeleted().seen(accepted.get(i).target().blockId());
            Seen confirmed = pipeline.confirmed().seen(accepted.get(i).target().blockId());
            cdc[i] = softDeleted.receivedMillis() - softDeleted.ceTimeMillis();
            e2e[i] = confirmed.receivedMillis() - softDeleted.ceTimeMillis();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rate_per_s", rate);
        details.put("achieved_per_s", achievedRate(measured));
        details.put("google_latency_ms", googleLatencyMs);
        details.put("deletes_measured", measured.size());
        details.put(
                "non_202_answers",
                samples.stream().filter(s -> s.status() != 202).count());
        // -1: no answer within the client's timeout, or the connection was refused (an API that fell behind)
        details.put(
                "answers_by_status",
                samples.stream()
                        .collect(Collectors.groupingBy(
                                s -> Integer.toString(s.status()), TreeMap::new, Collectors.counting())));
        details.put("google_http_requests_per_deletion", Math.round(1000.0 * requests / samples.size()) / 1000.0);
        return new Result(Percentiles.of(e2e), Percentiles.of(cdc), Percentiles.of(api), details);
    }

    private static double achievedRate(List<Sample> measured) {
        long first = measured.get(0).dueNanos();
        long last = measured.stream().mapToLong(Sample::answeredNanos).max().orElseThrow();
        return Percentiles.round(measured.size() / ((last - first) / 1e9));
    }
}

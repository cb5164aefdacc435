package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import dev.deletionpipeline.endtoend.bench.OpenLoopLoad.Sample;
import dev.deletionpipeline.endtoend.bench.TopicRecorder.Seen;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Single deletes through REST at a steady rate with the stand-in slowed down, timed per block: the API's answer (from
 * the intended start), the soft delete's way to Kafka (commit → {@code BlockSoftDeleted} received) and the whole way
 * (commit → {@code HardDeleteConfirmed} received). "Commit" is the soft-delete transaction's start as the outbox row's
 * {@code created_at} ({@code ce_time}) records it, a few milliseconds before the commit: the latencies are slight
 * overestimates, never flattered by when the client happened to read the answer. The warm-up is sent but not measured.
 * The whole way is also split at the times the worker's per-block receipt records ({@code e2e_steps_ms}): Google's
 * answer and the hard delete's transaction (which is also the confirmation's {@code ce_time}).
 */
final class LatencyRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The report's latency keys. */
    record Result(Percentiles e2e, Percentiles cdc, Percentiles api, Map<String, Object> details) {}

    private final OpenLoopLoad load;
    private final StandInControl standIn;
    private final Pipeline pipeline;
    private final DataSource database;

    LatencyRun(OpenLoopLoad load, StandInControl standIn, Pipeline pipeline, DataSource database) {
        this.load = load;
        this.standIn = standIn;
        this.pipeline = pipeline;
        this.database = database;
    }

    Result run(List<Target> targets, int rate, int warmupSeconds, int googleLatencyMs) throws SQLException {
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
        Map<UUID, ReceiptTimes> receipts =
                receiptTimes(accepted.stream().map(s -> s.target().blockId()).toList());
        double[] cdc = new double[accepted.size()];
        double[] e2e = new double[accepted.size()];
        double[] toGoogleAnswer = new double[accepted.size()];
        double[] toHardDelete = new double[accepted.size()];
        double[] confirmationToKafka = new double[accepted.size()];
        for (int i = 0; i < accepted.size(); i++) {
            UUID blockId = accepted.get(i).target().blockId();
            Seen softDeleted = pipeline.softDeleted().seen(blockId);
            Seen confirmed = pipeline.confirmed().seen(blockId);
            ReceiptTimes receipt = receipts.get(blockId);
            cdc[i] = softDeleted.receivedMillis() - softDeleted.ceTimeMillis();
            e2e[i] = confirmed.receivedMillis() - softDeleted.ceTimeMillis();
            toGoogleAnswer[i] = receipt.googleAnsweredMillis() - softDeleted.receivedMillis();
            toHardDelete[i] = receipt.hardDeletedMillis() - receipt.googleAnsweredMillis();
            confirmationToKafka[i] = confirmed.receivedMillis() - confirmed.ceTimeMillis();
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
        // BlockSoftDeleted on Kafka → Google answered (the worker's intake, dispatch, claim and Google's latency),
        // → the hard delete's transaction began, → HardDeleteConfirmed on Kafka (the confirmation's relay trip)
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("soft_delete_to_kafka", Percentiles.of(cdc).asMap());
        steps.put("kafka_to_google_answer", Percentiles.of(toGoogleAnswer).asMap());
        steps.put("google_answer_to_hard_delete", Percentiles.of(toHardDelete).asMap());
        steps.put("hard_delete_to_kafka", Percentiles.of(confirmationToKafka).asMap());
        details.put("e2e_steps_ms", steps);
        return new Result(Percentiles.of(e2e), Percentiles.of(cdc), Percentiles.of(api), details);
    }

    private record ReceiptTimes(double googleAnsweredMillis, double hardDeletedMillis) {}

    private Map<UUID, ReceiptTimes> receiptTimes(List<UUID> blockIds) throws SQLException {
        Map<UUID, ReceiptTimes> times = new HashMap<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT block_id, extract(epoch FROM google_answered_at) * 1000,
                               extract(epoch FROM hard_deleted_at) * 1000
                          FROM deletion_receipts WHERE block_id = ANY (?)""")) {
            select.setArray(1, connection.createArrayOf("uuid", blockIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    times.put(rows.getObject(1, UUID.class), new ReceiptTimes(rows.getDouble(2), rows.getDouble(3)));
                }
            }
        }
        return times;
    }

    private static double achievedRate(List<Sample> measured) {
        long first = measured.get(0).dueNanos();
        long last = measured.stream().mapToLong(Sample::answeredNanos).max().orElseThrow();
        return Percentiles.round(measured.size() / ((last - first) / 1e9));
    }
}

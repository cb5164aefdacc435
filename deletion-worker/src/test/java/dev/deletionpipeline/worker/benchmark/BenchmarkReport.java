package dev.deletionpipeline.worker.benchmark;

import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the benchmark's machine-readable report, {@code deletion-worker/target/bench/worker-bench.json}: the
 * parameters, each run's numbers (numbers, not strings) and a {@code goals} object saying which goal of issue 4 was
 * met.
 */
final class BenchmarkReport {

    static final double GOAL_AT_0_MS = 5_000;
    static final double GOAL_AT_50_MS = 2_000;
    static final double GOAL_HTTP_REQUESTS_PER_DELETION = 0.05;

    private BenchmarkReport() {}

    static Path write(Map<String, Object> parameters, List<BenchmarkRun> runs) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "deletion-worker");
        report.put("finishedAt", Instant.now().toString());
        report.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        report.put("parameters", parameters);
        report.put("runs", runs.stream().map(BenchmarkRun::asReport).toList());
        report.put("goals", goals(runs));
        Path file = targetDirectory().resolve("bench").resolve("worker-bench.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Map<String, Object> goals(List<BenchmarkRun> runs) {
        Map<String, Object> goals = new LinkedHashMap<>();
        runs.stream()
                .filter(run -> run.latencyMillis() == 0 || run.latencyMillis() == 50)
                .forEach(run -> goals.put(
                        "deletionsPerSecondAt" + run.latencyMillis() + "ms",
                        atLeast(
                                run.latencyMillis() == 0 ? GOAL_AT_0_MS : GOAL_AT_50_MS,
                                Math.round(run.deletionsPerSecond()))));
        double worstRequestsPerDeletion = runs.stream()
                .mapToDouble(BenchmarkRun::httpRequestsPerDeletion)
                .max()
                .orElse(Double.NaN);
        goals.put(
                "googleHttpRequestsPerDeletion",
                goal(
                        "atMost",
                        GOAL_HTTP_REQUESTS_PER_DELETION,
                        worstRequestsPerDeletion,
                        worstRequestsPerDeletion <= GOAL_HTTP_REQUESTS_PER_DELETION));
        return goals;
    }

    private static Map<String, Object> atLeast(double goal, double measured) {
        return goal("atLeast", goal, measured, measured >= goal);
    }

    private static Map<String, Object> goal(String kind, double goal, double measured, boolean met) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(kind, goal);
        result.put("measured", measured);
        result.put("met", met);
        return result;
    }

    /** The module's {@code target}, found from where this class was loaded ({@code target/test-classes}). */
    private static Path targetDirectory() {
        try {
            Path classes = Path.of(BenchmarkReport.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

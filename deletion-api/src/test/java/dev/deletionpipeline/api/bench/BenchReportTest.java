package dev.deletionpipeline.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchReportTest {

    private static final Percentiles SOME = Percentiles.ofNanos(new long[] {1_000_000, 2_000_000});

    private final BenchReport report = new BenchReport(
            Instant.parse("2026-01-31T09:15:00Z"),
            new BenchReport.Machine(2, 1.5, 2.5, "17"),
            new BenchReport.SingleDeletes(
                    200, 30, 6000, 5999, Map.of("202", 5999L, "none", 1L), SOME, new BenchReport.Cpu(3.21, 1.5)),
            new BenchReport.CommitToKafka(5999, 0, SOME, SOME),
            new BenchReport.Bulk(100_000, 100_000, 4.2, new BenchReport.Cpu(1.2, 3.4), 5.0, true, 100_000, 20.5));

    @Test
    void printedReportNamesEveryNumberAndTheVerdict() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("200 req/s for 30 s: 5999/6000 accepted")
                .contains("4.71 (JVM 3.21 + PostgreSQL 1.50) ms")
                .contains("100,000 blocks: 4.20 s")
                .contains("PASS")
                .contains("after 20.5 s");
    }

    @Test
    void writtenReportIsJsonWithTheBulkVerdictAndCpuTotals(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("bench/api-bench.json");

        report.write(file);

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(json.get("bulk").get("goalMet").asBoolean()).isTrue();
        assertThat(json.get("bulk").get("cpuSeconds").get("total").asDouble()).isEqualTo(4.6);
        assertThat(json.get("singleDeletes").get("answers").get("none").asLong())
                .isEqualTo(1);
        assertThat(json.get("machine").get("loadAverageAtStart").asDouble()).isEqualTo(1.5);
    }
}

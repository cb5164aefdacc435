package dev.deletionpipeline.endtoend.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuPerPhaseTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void dividesEachRolesCpuTimeInThePhaseByTheDeletionsAndTheTotalByTheWallTime() {
        ProcessCpu.Reading before = new ProcessCpu.Reading(5 * SECOND, millis(1_000, 400, 0));
        ProcessCpu.Reading after = new ProcessCpu.Reading(15 * SECOND, millis(9_000, 2_400, 4_000));

        Map<String, Double> numbers = CpuPerPhase.perDeletion(before, after, 2_000);

        assertThat(numbers)
                .containsExactly(
                        Map.entry("api", 4.0),
                        Map.entry("postgres", 1.0),
                        Map.entry("bench", 2.0),
                        Map.entry("total", 7.0),
                        Map.entry("cores_busy", 1.4));
    }

    @Test
    void tabulatesThePhasesAsRowsAndTheRolesAsColumns() {
        CpuPerPhase cpu = new CpuPerPhase(() -> Map.of("bench", List.of(ProcessHandle.current())));
        ProcessCpu.Reading start = new ProcessCpu.Reading(System.nanoTime() - SECOND, Map.of("bench", 0L));

        cpu.end("bulk_0ms", start, 1);
        cpu.end("api_max", start, 1);

        assertThat(cpu.markdown().lines())
                .hasSize(4)
                .startsWith("| CPU ms per deletion | bench | total | cores_busy |", "|---|---|---|---|");
        assertThat(cpu.markdown().lines().skip(2))
                .satisfiesExactly(
                        row -> assertThat(row).matches("\\| bulk_0ms \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|"),
                        row -> assertThat(row).startsWith("| api_max | "));
        assertThat(cpu.asMap()).containsOnlyKeys("bulk_0ms", "api_max");
    }

    private static Map<String, Long> millis(long api, long postgres, long bench) {
        Map<String, Long> millis = new LinkedHashMap<>();
        millis.put("api", api);
        millis.put("postgres", postgres);
        millis.put("bench", bench);
        return millis;
    }
}

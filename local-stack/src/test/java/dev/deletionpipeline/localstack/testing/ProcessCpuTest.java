package dev.deletionpipeline.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    /** pid, comm, state, ppid … minflt cminflt majflt cmajflt, then utime 250, stime 50, cutime 7, cstime 3. */
    private static final String STAT_TAIL =
            " S 1 4242 4242 0 -1 4194560 1234 99 5 6 250 50 7 3 20 0 31 0 1000 4096 512\n";

    @Test
    void sumsUserAndSystemTimeOfTheProcessAndOfItsReapedChildren() {
        assertThat(ProcessCpu.ticks("4242 (postgres)" + STAT_TAIL)).isEqualTo(310);
    }

    @Test
    void countsTheFieldsFromTheLastParenthesisSoACommandNameWithSpacesAndParenthesesDoesNotShiftThem() {
        assertThat(ProcessCpu.ticks("4242 (java) 1 2 (x) S 3)" + STAT_TAIL)).isEqualTo(310);
    }

    @Test
    void aThreadsTimeIsItsOwnUserAndSystemTimeInMilliseconds() {
        // a compiler thread's name holds a space; 300 ticks at Linux's 100 a second
        assertThat(ProcessCpu.threadMillis("4243 (C2 CompilerThre)" + STAT_TAIL))
                .isEqualTo(3_000);
    }

    @Test
    void readsThisJvmsCpuTimeFromProc() {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")));

        ProcessCpu.Reading reading = ProcessCpu.read(Map.of("bench", List.of(ProcessHandle.current())));

        // starting a JVM and JUnit takes far more than one 10 ms tick
        assertThat(reading.cpuMillis().get("bench")).isPositive();
    }
}

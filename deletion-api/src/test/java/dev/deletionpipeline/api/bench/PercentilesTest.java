package dev.deletionpipeline.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPercentilesOfOneToHundredMillisecondsAreTheRanksThemselves() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).toArray();

        Percentiles percentiles = Percentiles.ofNanos(nanos);

        assertThat(percentiles.count()).isEqualTo(100);
        assertThat(percentiles.p50()).isEqualTo(50.0);
        assertThat(percentiles.p90()).isEqualTo(90.0);
        assertThat(percentiles.p99()).isEqualTo(99.0);
        assertThat(percentiles.max()).isEqualTo(100.0);
    }

    @Test
    void noValuesGiveNoPercentiles() {
        assertThat(Percentiles.ofNanos(new long[0]).count()).isZero();
        assertThat(Percentiles.ofNanos(new long[0]).p99()).isNaN();
    }
}

package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.LatencyPercentiles;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesUseTheNearestRank() {
        long[] samples = {500, 100, 400, 200, 300};

        assertThat(LatencySamples.percentiles(samples)).isEqualTo(new LatencyPercentiles(300, 500, 500, 5));
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertThat(LatencySamples.percentiles(new long[] {42})).isEqualTo(new LatencyPercentiles(42, 42, 42, 1));
    }

    @Test
    void noSamplesReportZeros() {
        assertThat(LatencySamples.percentiles(new long[0])).isEqualTo(LatencyPercentiles.NONE);
    }
}

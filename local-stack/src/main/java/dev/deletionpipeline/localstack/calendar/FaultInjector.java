package dev.deletionpipeline.localstack.calendar;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * Draws injected faults and latency jitter from one seeded random source, so a run with the same seed and the same
 * order of calls fails the same calls.
 */
final class FaultInjector {

    private volatile Random random;

    FaultInjector(long seed) {
        reseed(seed);
    }

    void reseed(long seed) {
        random = new Random(seed);
    }

    /** @return the status to fail this call with, or 0 to let it through */
    int drawFault(Map<Integer, Double> faultRates) {
        if (faultRates.isEmpty()) {
            return 0;
        }
        double draw = random.nextDouble();
        double cumulative = 0;
        for (Map.Entry<Integer, Double> rate : faultRates.entrySet()) {
            cumulative += rate.getValue();
            if (draw < cumulative) {
                return rate.getKey();
            }
        }
        return 0;
    }

    long latencyNanos(Duration latency, Duration jitter) {
        long nanos = latency.toNanos();
        long jitterNanos = jitter.toNanos();
        if (jitterNanos > 0) {
            nanos += (long) (random.nextDouble() * jitterNanos);
        }
        return nanos;
    }
}

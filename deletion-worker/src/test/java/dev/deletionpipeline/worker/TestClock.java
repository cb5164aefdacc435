package dev.deletionpipeline.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, moved forward by the test: shared by the worker and the stand-in, so minutes pass on demand. */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Moves forward to just after the start of the next minute, so a per-minute quota starts fresh. */
    public void advanceToNextMinute() {
        long millisIntoMinute = instant().toEpochMilli() % 60_000;
        advance(Duration.ofMillis(60_000 - millisIntoMinute + 50));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC");
    }
}

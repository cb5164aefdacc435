package dev.deletionpipeline.reconciler.status;

import java.time.Instant;

/**
 * Store keys that sort by time: {@code <epoch millis, 19 digits>|<id>}. Stores order keys by their bytes, so a range
 * scan over such keys walks in time order (oldest first) — how deadlines, pending deletions and latency samples are
 * found without reading every deletion.
 */
final class TimeKeys {

    /** Sorts before every time key. */
    static final String FIRST = of(Instant.EPOCH, "");

    private TimeKeys() {}

    static String of(Instant time, Object id) {
        return String.format("%019d|%s", Math.max(0, time.toEpochMilli()), id);
    }

    /** Sorts after every key of {@code time} and before every later one (ids never contain '~'). */
    static String through(Instant time) {
        return of(time, "~");
    }

    /** Sorts before every key of {@code time} and after every earlier one. */
    static String before(Instant time) {
        return of(time, "");
    }

    static Instant timeOf(String key) {
        return Instant.ofEpochMilli(Long.parseLong(key.substring(0, 19)));
    }
}

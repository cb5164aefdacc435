package dev.deletionpipeline.reconciler.status;

import java.time.Instant;

/**
 * Store keys that sort by time: {@code <epoch millis, 19 digits>|<id>}. Stores order keys by their bytes, so a range
 * scan over such keys walks in time order (oldest first) — how deadlines, pending deletions and latency samples are
 * found without reading every deletion.
 */
final class TimeKeys {

    private static final int MILLIS_DIGITS = 19;

    /** Sorts before every time key. */
    static final String FIRST = of(Instant.EPOCH, "");

    private TimeKeys() {}

    /** The same text as {@code String.format("%019d|%s", millis, id)}, which took 5 % of the stream thread's CPU. */
    static String of(Instant time, Object id) {
        String millis = Long.toString(Math.max(0, time.toEpochMilli()));
        StringBuilder key = new StringBuilder(MILLIS_DIGITS + 40);
        for (int i = millis.length(); i < MILLIS_DIGITS; i++) {
            key.append('0');
        }
        return key.append(millis).append('|').append(id).toString();
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
        return Instant.ofEpochMilli(Long.parseLong(key.substring(0, MILLIS_DIGITS)));
    }
}

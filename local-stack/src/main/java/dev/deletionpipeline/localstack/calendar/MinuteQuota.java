package dev.deletionpipeline.localstack.calendar;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per key per clock minute, the way Google's per-minute quotas behave for a client: once a key has used its
 * limit in the current minute, every call is refused until the next minute starts.
 */
final class MinuteQuota {

    private static final long MINUTE_MILLIS = 60_000;
    private static final int MAX_KEYS_BEFORE_PRUNING = 100_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * Counts one call for the key.
     *
     * @return 0 when the call is within the limit, else the whole seconds until the next minute (at least 1), which
     *     is what Google puts in Retry-After
     */
    long acquire(String key, int limitPerMinute, long nowMillis) {
        long minute = nowMillis / MINUTE_MILLIS;
        if (windows.size() > MAX_KEYS_BEFORE_PRUNING) {
            windows.values().removeIf(window -> window.minute < minute);
        }
        Window window = windows.computeIfAbsent(key, k -> new Window());
        if (window.tryAcquire(minute, limitPerMinute)) {
            return 0;
        }
        long millisLeft = (minute + 1) * MINUTE_MILLIS - nowMillis;
        return Math.max(1, (millisLeft + 999) / 1000);
    }

    void clear() {
        windows.clear();
    }

    private static final class Window {
        private long minute = Long.MIN_VALUE;
        private int used;

        synchronized boolean tryAcquire(long currentMinute, int limit) {
            if (currentMinute != minute) {
                minute = currentMinute;
                used = 0;
            }
            if (used >= limit) {
                return false;
            }
            used++;
            return true;
        }
    }
}

package dev.deletionpipeline.worker.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the worker talks to the Google Calendar API.
 *
 * @param rootUrl the API's root URL, ending in {@code /} (the stand-in's locally)
 * @param applicationName sent in the User-Agent
 * @param sendUpdates {@code sendUpdates} of every delete: {@code none}, {@code externalOnly} or {@code all}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param maxConcurrentRequests HTTP requests to Google in flight at once (a batch counts as one)
 * @param batchSize deletions per batch request (Google allows up to 50); 1 turns batching off
 * @param calendarCheckTtl how long a calendar that answered {@code calendars.get} for an owner is taken as reachable
 *     when an event delete on it answers 404 (a calendar that did not answer is never remembered)
 * @param calendarCheckCacheSize (owner, calendar) pairs remembered as reachable
 */
@ConfigurationProperties("deletion.worker.google")
public record GoogleSettings(
        String rootUrl,
        String applicationName,
        String sendUpdates,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConcurrentRequests,
        int batchSize,
        Duration calendarCheckTtl,
        int calendarCheckCacheSize) {

    public GoogleSettings {
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("deletion.worker.google.batch-size must be 1..50");
        }
        if (calendarCheckTtl == null || calendarCheckTtl.isNegative()) {
            throw new IllegalArgumentException("deletion.worker.google.calendar-check-ttl must be zero or positive");
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("deletion.worker.google.max-concurrent-requests must be positive");
        }
    }
}

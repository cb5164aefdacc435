package dev.deletionpipeline.worker.calendar;

import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("deletion.worker.google")
record GoogleSettings(
        @NotBlank String rootUrl,
        @NotBlank String applicationName,
        @NotNull @Pattern(regexp = "none|externalOnly|all") String sendUpdates,
        @PositiveDuration Duration connectTimeout,
        @PositiveDuration Duration readTimeout,
        @Positive int maxConcurrentRequests,
        @Min(1) @Max(50) int batchSize,
        @NotNull @DurationMin(seconds = 0) Duration calendarCheckTtl,
        @Positive int calendarCheckCacheSize) {}

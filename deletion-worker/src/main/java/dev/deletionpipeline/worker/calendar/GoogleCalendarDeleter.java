package dev.deletionpipeline.worker.calendar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.settings.PositiveDuration;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.credentials.OwnerCredentials;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.CredentialException;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hibernate.validator.constraints.time.DurationMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Deletes Google events with the real {@code google-api-services-calendar} client, pointed at the configured root URL,
 * with bounded concurrency: at most {@code max-concurrent-requests} HTTP requests at once, each a single delete or a
 * batch of up to {@code batch-size} deletions of one owner. A series' event is deleted by its own id, which deletes the
 * whole series. A 401 gets the credential refreshed once and the call repeated; every other answer is classified by
 * {@link GoogleAnswer}.
 *
 * <p>Google answers 404 both for an event that is gone and for a calendar the caller can no longer see (access lost, a
 * stale delegated subject, a wrong calendar mapping), and only the first may end in a hard delete. So the calendar
 * itself is asked with {@code calendars.get}, with the same credential, once per calendar per call: if it answers, the
 * event is gone; if it answers 404 or 403 (or another refusal), the deletion fails with
 * {@link DeadLetterReason#CALENDAR_UNREACHABLE} and the row stays; if it cannot answer now (5xx, 429, no answer), the
 * deletion is retried like any transient failure. A calendar that answered is remembered per owner for
 * {@code calendar-check-ttl}, so a bulk purge asks once per calendar, not once per event; a calendar that did not
 * answer is never remembered, so a redrive after access was restored asks again.
 */
@Component
public class GoogleCalendarDeleter implements DisposableBean {

    /** One Google event to delete, on behalf of the block that mirrors it. */
    public record GoogleDeletion(UUID blockId, String calendarId, String eventId) {}

    /** {@code deletion.worker.google.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.google")
    record GoogleSettings(
            @NotBlank String rootUrl,
            @NotBlank String applicationName,

            @NotNull @Pattern(regexp = "none|externalOnly|all")
            String sendUpdates,

            @PositiveDuration Duration connectTimeout,
            @PositiveDuration Duration readTimeout,
            @Positive int maxConcurrentRequests,
            @Min(1) @Max(50) int batchSize,
            @NotNull @DurationMin(seconds = 0) Duration calendarCheckTtl,
            @Positive int calendarCheckCacheSize) {}

    private record OwnersCalendar(UUID ownerId, String calendarId) {}

    private static final Logger log = LoggerFactory.getLogger(GoogleCalendarDeleter.class);

    private final Calendar calendar;
    private final OwnerCredentials credentials;
    private final GoogleSettings settings;
    private final Clock clock;
    private final ExecutorService requests;
    private final Cache<OwnersCalendar, Boolean> reachable;

    GoogleCalendarDeleter(
            HttpTransport googleTransport, OwnerCredentials credentials, GoogleSettings settings, Clock clock) {
        this.calendar = new Calendar.Builder(googleTransport, GsonFactory.getDefaultInstance(), timeouts(settings))
                .setRootUrl(settings.rootUrl())
                .setApplicationName(settings.applicationName())
                .build();
        this.credentials = credentials;
        this.settings = settings;
        this.clock = clock;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("google-call-");
        threads.setDaemon(true);
        this.requests = Executors.newFixedThreadPool(settings.maxConcurrentRequests(), threads);
        this.reachable = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(settings.calendarCheckTtl())
                .maximumSize(settings.calendarCheckCacheSize())
                .executor(Runnable::run)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    static HttpTransport googleTransport(GoogleSettings settings) {
        // token requests share the pool, hence the head room over the calendar calls
        int connections = settings.maxConcurrentRequests() * 2;
        return new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .build());
    }

    /** Deletes every owner's events, batching each owner's, and answers per block. */
    public Map<UUID, GoogleAnswer> deleteAll(Map<UUID, List<GoogleDeletion>> byOwner) {
        List<CompletableFuture<Map<UUID, GoogleAnswer>>> calls = new ArrayList<>();
        byOwner.forEach((owner, deletions) -> {
            for (int from = 0; from < deletions.size(); from += settings.batchSize()) {
                List<GoogleDeletion> chunk =
                        deletions.subList(from, Math.min(deletions.size(), from + settings.batchSize()));
                calls.add(CompletableFuture.supplyAsync(() -> call(owner, chunk), requests));
            }
        });
        Map<UUID, GoogleAnswer> answers = new HashMap<>();
        calls.forEach(call -> answers.putAll(call.join()));
        return answers;
    }

    @Override
    public void destroy() {
        requests.shutdown();
    }

    private Map<UUID, GoogleAnswer> call(UUID owner, List<GoogleDeletion> chunk) {
        try {
            return delete(owner, chunk);
        } catch (RuntimeException unexpected) {
            log.warn(
                    "Google call for {} deletions failed unexpectedly; they will be retried", chunk.size(), unexpected);
            return all(chunk, GoogleAnswer.noAnswer(unexpected, clock.instant()));
        }
    }

    /** Deletes the events (all of one owner, at most one batch's worth) and answers per block. */
    private Map<UUID, GoogleAnswer> delete(UUID ownerId, List<GoogleDeletion> deletions) {
        OwnerCredential credential;
        Map<UUID, GoogleAnswer> answers;
        try {
            credential = credentials.forOwner(ownerId);
            answers = new HashMap<>(send(credential, deletions));
        } catch (CredentialException e) {
            return all(deletions, GoogleAnswer.credentialFailure(e, clock.instant()));
        }
        List<GoogleDeletion> unauthorized = deletions.stream()
                .filter(d -> answers.get(d.blockId()).verdict() == Verdict.UNAUTHORIZED)
                .toList();
        if (!unauthorized.isEmpty()) {
            answers.putAll(refreshAndResend(credential, unauthorized));
        }
        confirmNotFound(ownerId, credential, deletions, answers);
        return answers;
    }

    /** Replaces each 404 whose calendar did not answer for this credential; 410 is Google's own "deleted". */
    private void confirmNotFound(
            UUID ownerId, OwnerCredential credential, List<GoogleDeletion> deletions, Map<UUID, GoogleAnswer> answers) {
        Map<String, Optional<GoogleAnswer>> byCalendar = new HashMap<>();
        for (GoogleDeletion deletion : deletions) {
            GoogleAnswer answer = answers.get(deletion.blockId());
            if (answer.verdict() == Verdict.ALREADY_GONE && answer.httpStatus() == 404) {
                byCalendar
                        .computeIfAbsent(
                                deletion.calendarId(),
                                calendarId -> confirmGone(ownerId, credential, calendarId, answer))
                        .ifPresent(replacement -> answers.put(deletion.blockId(), replacement));
            }
        }
    }

    /**
     * @param notFound the 404 that Google answered to an event's delete on {@code calendarId}
     * @return empty when the calendar answers for the owner's credential (the 404 stands as "already gone"); otherwise
     *     the answer that replaces the 404: rejected with {@code CALENDAR_UNREACHABLE}, or one to retry
     */
    Optional<GoogleAnswer> confirmGone(
            UUID ownerId, OwnerCredential credential, String calendarId, GoogleAnswer notFound) {
        OwnersCalendar key = new OwnersCalendar(ownerId, calendarId);
        if (reachable.getIfPresent(key) != null) {
            return Optional.empty();
        }
        GoogleAnswer check;
        try {
            Calendar.Calendars.Get request = calendar.calendars().get(calendarId);
            credential.authorize(request.getRequestHeaders());
            request.execute();
            reachable.put(key, Boolean.TRUE);
            return Optional.empty();
        } catch (CredentialException e) {
            return Optional.of(GoogleAnswer.credentialFailure(e, clock.instant()));
        } catch (IOException e) {
            check = GoogleAnswer.of(e, clock.instant());
        }
        if (check.retryable() || check.verdict() == Verdict.UNAUTHORIZED) {
            // the calendar could not say now; the event's 404 proves nothing yet, so the whole deletion is retried
            Verdict verdict = check.verdict() == Verdict.RATE_LIMITED ? Verdict.RATE_LIMITED : Verdict.RETRY;
            // without an answer to calendars.get, the event's 404 stays the last status Google gave
            int status = check.httpStatus() == 0 ? notFound.httpStatus() : check.httpStatus();
            return Optional.of(
                    check.as(verdict, status, "events.delete answered 404; calendars.get: " + check.detail()));
        }
        return Optional.of(new GoogleAnswer(
                Verdict.REJECTED,
                notFound.httpStatus(),
                notFound.googleReason(),
                null,
                DeadLetterReason.CALENDAR_UNREACHABLE.name(),
                "events.delete answered 404 and calendars.get " + check.detail().replaceFirst("^Google ", "")
                        + " for the same credential: the event may still be live, so the row stays",
                check.answeredAt()));
    }

    private Map<UUID, GoogleAnswer> refreshAndResend(OwnerCredential credential, List<GoogleDeletion> deletions) {
        Map<UUID, GoogleAnswer> answers;
        try {
            credential.refresh();
            answers = new HashMap<>(send(credential, deletions));
        } catch (CredentialException e) {
            answers = all(deletions, GoogleAnswer.credentialFailure(e, clock.instant()));
        }
        answers.replaceAll((block, answer) -> answer.verdict() == Verdict.UNAUTHORIZED
                ? answer.rejected(
                        DeadLetterReason.GOOGLE_401_UNAUTHORIZED.name(),
                        "Google answered 401 again after a token refresh")
                : answer);
        return answers;
    }

    /** @throws CredentialException when the credential cannot authorize the requests */
    private Map<UUID, GoogleAnswer> send(OwnerCredential credential, List<GoogleDeletion> deletions) {
        if (deletions.size() == 1) {
            GoogleDeletion only = deletions.get(0);
            try {
                request(credential, only).execute();
                return Map.of(only.blockId(), GoogleAnswer.deleted(clock.instant()));
            } catch (IOException e) {
                return Map.of(only.blockId(), GoogleAnswer.of(e, clock.instant()));
            }
        }
        return deleteInBatch(credential, deletions);
    }

    private Map<UUID, GoogleAnswer> deleteInBatch(OwnerCredential credential, List<GoogleDeletion> deletions) {
        Map<UUID, GoogleAnswer> answers = new HashMap<>();
        BatchRequest batch = calendar.batch(request -> {
            timeouts(settings).initialize(request);
            credential.authorize(request.getHeaders());
        });
        try {
            for (GoogleDeletion deletion : deletions) {
                request(credential, deletion).queue(batch, new JsonBatchCallback<Void>() {
                    @Override
                    public void onSuccess(Void nothing, HttpHeaders headers) {
                        answers.put(deletion.blockId(), GoogleAnswer.deleted(clock.instant()));
                    }

                    @Override
                    public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                        answers.put(deletion.blockId(), GoogleAnswer.of(error, headers, clock.instant()));
                    }
                });
            }
            batch.execute();
        } catch (IOException e) {
            GoogleAnswer whole = GoogleAnswer.of(e, clock.instant());
            deletions.forEach(d -> answers.putIfAbsent(d.blockId(), whole));
        }
        return answers;
    }

    private Calendar.Events.Delete request(OwnerCredential credential, GoogleDeletion deletion) throws IOException {
        Calendar.Events.Delete request = calendar.events()
                .delete(deletion.calendarId(), deletion.eventId())
                .setSendUpdates(settings.sendUpdates());
        credential.authorize(request.getRequestHeaders());
        return request;
    }

    private static HttpRequestInitializer timeouts(GoogleSettings settings) {
        return request -> request.setConnectTimeout(
                        (int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setNumberOfRetries(0);
    }

    private static Map<UUID, GoogleAnswer> all(List<GoogleDeletion> deletions, GoogleAnswer answer) {
        Map<UUID, GoogleAnswer> answers = new HashMap<>();
        deletions.forEach(d -> answers.put(d.blockId(), answer));
        return answers;
    }
}

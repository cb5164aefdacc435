package dev.deletionpipeline.worker.calendar;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.calendar.Calendar;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.calendar.GoogleClientConfiguration.GoogleSettings;
import dev.deletionpipeline.worker.credentials.CredentialException;
import dev.deletionpipeline.worker.credentials.OwnerCredentials;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes Google events with the Calendar v3 client, with bounded concurrency: at most {@code max-concurrent-requests}
 * HTTP requests at once, each a single delete or a batch of up to {@code batch-size} deletions of one owner. A series'
 * event is deleted by its own id, which deletes the whole series. A 401 gets the credential refreshed once and the call
 * repeated; every other answer is classified by {@link GoogleAnswer}. A 404 counts as already gone only once its
 * calendar answered for the same credential ({@link CalendarReachability}), asked once per calendar per call.
 */
@Component
public class GoogleCalendarDeleter implements DisposableBean {

    /** One Google event to delete, on behalf of the block that mirrors it. */
    public record GoogleDeletion(UUID blockId, String calendarId, String eventId) {}

    private static final Logger log = LoggerFactory.getLogger(GoogleCalendarDeleter.class);

    private final Calendar calendar;
    private final OwnerCredentials credentials;
    private final CalendarReachability calendars;
    private final GoogleSettings settings;
    private final Clock clock;
    private final ExecutorService requests;

    GoogleCalendarDeleter(
            Calendar calendar,
            OwnerCredentials credentials,
            CalendarReachability calendars,
            GoogleSettings settings,
            Clock clock) {
        this.calendar = calendar;
        this.credentials = credentials;
        this.calendars = calendars;
        this.settings = settings;
        this.clock = clock;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("google-call-");
        threads.setDaemon(true);
        this.requests = Executors.newFixedThreadPool(settings.maxConcurrentRequests(), threads);
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
        try {
            credential = credentials.forOwner(ownerId);
        } catch (CredentialException e) {
            return all(deletions, GoogleAnswer.credentialFailure(e, clock.instant()));
        }
        Map<UUID, GoogleAnswer> answers = new HashMap<>(send(credential, deletions));
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
                                calendarId -> calendars.confirmGone(ownerId, credential, calendarId, answer))
                        .ifPresent(replacement -> answers.put(deletion.blockId(), replacement));
            }
        }
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

    private Map<UUID, GoogleAnswer> send(OwnerCredential credential, List<GoogleDeletion> deletions) {
        try {
            if (deletions.size() == 1) {
                GoogleDeletion only = deletions.get(0);
                return Map.of(only.blockId(), deleteOne(credential, only));
            }
            return deleteInBatch(credential, deletions);
        } catch (CredentialException e) {
            return all(deletions, GoogleAnswer.credentialFailure(e, clock.instant()));
        }
    }

    private GoogleAnswer deleteOne(OwnerCredential credential, GoogleDeletion deletion) {
        try {
            request(credential, deletion).execute();
            return GoogleAnswer.deleted(clock.instant());
        } catch (HttpResponseException e) {
            return GoogleAnswer.of(e, clock.instant());
        } catch (IOException e) {
            return GoogleAnswer.noAnswer(e, clock.instant());
        }
    }

    private Map<UUID, GoogleAnswer> deleteInBatch(OwnerCredential credential, List<GoogleDeletion> deletions) {
        Map<UUID, GoogleAnswer> answers = new HashMap<>();
        BatchRequest batch = calendar.batch(request -> {
            GoogleClientConfiguration.timeouts(settings).initialize(request);
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
        } catch (HttpResponseException e) {
            GoogleAnswer whole = GoogleAnswer.of(e, clock.instant());
            deletions.forEach(d -> answers.putIfAbsent(d.blockId(), whole));
        } catch (IOException e) {
            GoogleAnswer none = GoogleAnswer.noAnswer(e, clock.instant());
            deletions.forEach(d -> answers.putIfAbsent(d.blockId(), none));
        }
        return answers;
    }

    private Calendar.Events.Delete request(OwnerCredential credential, GoogleDeletion deletion) throws IOException {
        Calendar.Events.Delete request = calendar.events().delete(deletion.calendarId(), deletion.eventId());
        if (settings.sendUpdates() != null && !settings.sendUpdates().isBlank()) {
            request.setSendUpdates(settings.sendUpdates());
        }
        credential.authorize(request.getRequestHeaders());
        return request;
    }

    private static Map<UUID, GoogleAnswer> all(List<GoogleDeletion> deletions, GoogleAnswer answer) {
        Map<UUID, GoogleAnswer> answers = new HashMap<>();
        deletions.forEach(d -> answers.put(d.blockId(), answer));
        return answers;
    }
}

package dev.deletionpipeline.worker.calendar;

import dev.deletionpipeline.worker.calendar.GoogleClientConfiguration.GoogleSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Runs Google deletions with bounded concurrency: at most {@code max-concurrent-requests} HTTP requests at once, each
 * a single delete or a batch of up to {@code batch-size} deletions of one owner.
 */
@Component
public class GoogleCalls implements DisposableBean {

    /** One Google event to delete, on behalf of the block that mirrors it. */
    public record GoogleDeletion(UUID blockId, String calendarId, String eventId) {}

    private static final Logger log = LoggerFactory.getLogger(GoogleCalls.class);

    private final GoogleCalendarDeleter deleter;
    private final GoogleSettings settings;
    private final Clock clock;
    private final ExecutorService requests;

    public GoogleCalls(GoogleCalendarDeleter deleter, GoogleSettings settings, Clock clock) {
        this.deleter = deleter;
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

    private Map<UUID, GoogleAnswer> call(UUID owner, List<GoogleDeletion> chunk) {
        try {
            return deleter.delete(owner, chunk);
        } catch (RuntimeException unexpected) {
            log.warn(
                    "Google call for {} deletions failed unexpectedly; they will be retried", chunk.size(), unexpected);
            Map<UUID, GoogleAnswer> answers = new HashMap<>();
            chunk.forEach(d -> answers.put(d.blockId(), GoogleAnswer.noAnswer(unexpected, clock.instant())));
            return answers;
        }
    }

    @Override
    public void destroy() {
        requests.shutdown();
    }
}

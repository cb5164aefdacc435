package dev.deletionpipeline.reconciler.ops;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Hands what {@link OpsTopicTail} reads to every open dashboard stream, and keeps the latest summaries for the charts.
 * Summaries, orphans and receipts go out one event each as they arrive (their JSON as published, so a field a newer
 * reconciler adds reaches the page unchanged); status changes, which can come by the thousand per second, are
 * coalesced per block and sent every {@code flushInterval}, at most {@code maxStatusesPerEvent} of them with the count
 * of the rest. Every send happens on the tail's one thread; subscribing happens on a request thread.
 */
final class OpsFeed {

    private final OpsSettings settings;
    private final Clock clock;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private final Deque<String> summaries = new ArrayDeque<>();
    private final Map<String, String> pendingStatuses = new LinkedHashMap<>();
    private long omittedStatuses;
    private Instant lastFlush;
    private Instant lastSend;

    OpsFeed(OpsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.lastFlush = clock.instant();
        this.lastSend = lastFlush;
    }

    /** A new stream; the first line is sent at once so that the browser sees the response start. */
    SseEmitter subscribe() throws IOException {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(error -> subscribers.remove(emitter));
        emitter.send(SseEmitter.event().comment("ops stream"));
        subscribers.add(emitter);
        return emitter;
    }

    /** The latest summaries as published, oldest first, as one JSON array. */
    synchronized String historyJson() {
        return "[" + String.join(",", summaries) + "]";
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** One record of a fed topic; a null value (a status tombstone) carries nothing to show. */
    void accept(OpsEvent event, String key, String json) {
        if (json == null) {
            return;
        }
        switch (event) {
            case SUMMARY -> {
                remember(json);
                send(event, json);
            }
            case STATUS -> coalesce(key, json);
            default -> send(event, json);
        }
    }

    /** Called by the tail between polls: pending status changes, or a keep-alive comment on a quiet stream. */
    void tick() {
        Instant now = clock.instant();
        if (!pendingStatuses.isEmpty() && !now.isBefore(lastFlush.plus(settings.flushInterval()))) {
            flushStatuses();
            lastFlush = now;
        } else if (!now.isBefore(lastSend.plus(settings.keepAlive()))) {
            sendToAll(() -> SseEmitter.event().comment("keep-alive"));
        }
    }

    private synchronized void remember(String json) {
        summaries.addLast(json);
        while (summaries.size() > settings.historySize()) {
            summaries.removeFirst();
        }
    }

    private void coalesce(String blockId, String json) {
        // a newer status of the same block replaces the pending one and keeps its place
        if (pendingStatuses.containsKey(blockId) || pendingStatuses.size() < settings.maxStatusesPerEvent()) {
            pendingStatuses.put(blockId, json);
        } else {
            omittedStatuses++;
        }
    }

    private void flushStatuses() {
        String body = "{\"statuses\":[" + String.join(",", new ArrayList<>(pendingStatuses.values())) + "],\"omitted\":"
                + omittedStatuses + "}";
        pendingStatuses.clear();
        omittedStatuses = 0;
        send(OpsEvent.STATUS, body);
    }

    private void send(OpsEvent event, String json) {
        sendToAll(() -> SseEmitter.event().name(event.eventName()).data(json, MediaType.APPLICATION_JSON));
    }

    /** A builder per subscriber: building one marks it as sent. */
    private void sendToAll(Supplier<SseEmitter.SseEventBuilder> event) {
        lastSend = clock.instant();
        Iterator<SseEmitter> each = subscribers.iterator();
        while (each.hasNext()) {
            SseEmitter emitter = each.next();
            try {
                emitter.send(event.get());
            } catch (IOException | IllegalStateException gone) {
                // the page went away; its emitter's callbacks remove it too, this makes it immediate
                subscribers.remove(emitter);
                emitter.completeWithError(gone);
            }
        }
    }
}

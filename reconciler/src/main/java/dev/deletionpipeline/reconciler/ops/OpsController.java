package dev.deletionpipeline.reconciler.ops;

import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The ops dashboard's data calls, admin-only like every {@code /v1} call (service-security's filter chain). The page
 * reads the stream with {@code fetch()}, since {@code EventSource} cannot send the bearer token.
 */
@RestController
@RequestMapping("/v1/ops")
class OpsController {

    private final OpsFeed feed;
    private final OpsSettings settings;

    OpsController(OpsFeed feed, OpsSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    /** Events {@code summary}, {@code orphan}, {@code receipt} and {@code status} as they are published. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() throws IOException {
        return feed.subscribe();
    }

    /** The latest ops summaries, oldest first, as published on {@code deletion.ops.v1}. */
    @GetMapping(path = "/history", produces = MediaType.APPLICATION_JSON_VALUE)
    String history() {
        return feed.historyJson();
    }

    /** Where the page calls deletion-api and deletion-worker (blank: not configured, their panels say so). */
    @GetMapping("/services")
    ResponseEntity<Map<String, String>> services() {
        return ResponseEntity.ok(
                Map.of("apiUrl", blankIfNull(settings.apiUrl()), "workerUrl", blankIfNull(settings.workerUrl())));
    }

    private static String blankIfNull(String url) {
        return url == null ? "" : url.strip();
    }
}

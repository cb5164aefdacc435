package dev.deletionpipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The quick start, as a user follows it: the built stack comes up with every part answering, prints and writes where
 * everything is, stops on Ctrl-C without leaving a process behind, and starts again on the same data. It runs first,
 * before the stack the other suites share is up: its two starts then have the machine to themselves.
 */
@Order(1)
class LocalStackIT {

    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void stackComesUpAnswersStopsCleanlyAndRestartsOnTheSameData() throws Exception {
        Path data = Path.of("target", "local-stack-it").toAbsolutePath();
        LocalStackProcess.deleteDataDirectory(data);
        try (LocalStackProcess stack = LocalStackProcess.start(data)) {
            long started = System.nanoTime();
            Map<String, String> description = stack.awaitDescription(STARTUP);
            System.out.printf(
                    "Local stack up in %d s%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());

            assertThat(description)
                    .containsKeys(
                            "api_url",
                            "worker_url",
                            "reconciler_url",
                            "kafka_bootstrap",
                            "jdbc_url",
                            "calendar_url",
                            "owner_token",
                            "admin_token");
            for (String service : List.of("api_url", "worker_url", "reconciler_url")) {
                assertThat(get(description.get(service) + "/actuator/health").statusCode())
                        .as(service)
                        .isEqualTo(200);
            }
            assertThat(get(description.get("calendar_url") + "/_standin/events").body())
                    .contains("demoevent1");
            assertStopsWithoutLeftovers(stack, data);
        }
        try (LocalStackProcess again = LocalStackProcess.start(data)) {
            Map<String, String> description = again.awaitDescription(STARTUP);
            assertThat(get(description.get("api_url") + "/actuator/health").statusCode())
                    .isEqualTo(200);
            assertThat(get(description.get("calendar_url") + "/_standin/events").body())
                    .as("the demo blocks kept in the database are synced: their events must be at Google (the"
                            + " stand-in) again after a restart")
                    .contains("demoevent1");
            assertStopsWithoutLeftovers(again, data);
        }
    }

    private static void assertStopsWithoutLeftovers(LocalStackProcess stack, Path data)
            throws IOException, InterruptedException {
        List<ProcessHandle> children = stack.descendants();
        assertThat(children).as("service and postgres processes").isNotEmpty();
        stack.stopAndWait(Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(children).as("processes left after Ctrl-C").noneMatch(ProcessHandle::isAlive));
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL still running on the data directory")
                .isFalse();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quick start, as a user follows it: the stack the launcher brought up (the one the suites share, started from an
 * empty data directory) answers on every part and says where everything is, stops on Ctrl-C without leaving a process
 * behind, and starts again on the same data. It runs last: it stops the shared stack, and the stack it starts again
 * answers on new ports.
 */
@ExtendWith(EndToEndStack.Resolver.class)
@Order(Integer.MAX_VALUE)
class LocalStackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final EndToEndStack shared;

    LocalStackIT(EndToEndStack shared) {
        this.shared = shared;
    }

    @Test
    void stackAnswersStopsCleanlyAndRestartsOnTheSameData() throws Exception {
        Map<String, String> description = shared.process().awaitDescription(EndToEndStack.STARTUP);
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
        assertStopsWithoutLeftovers(shared.process(), EndToEndStack.DATA);

        try (LocalStackProcess again =
                LocalStackProcess.start(EndToEndStack.DATA, EndToEndStack.settings(EndToEndStack.DATA))) {
            Map<String, String> restarted = again.awaitDescription(EndToEndStack.STARTUP);
            assertThat(get(restarted.get("api_url") + "/actuator/health").statusCode())
                    .isEqualTo(200);
            assertThat(get(restarted.get("calendar_url") + "/_standin/events").body())
                    .as("the demo blocks kept in the database are synced: their events must be at Google (the"
                            + " stand-in) again after a restart")
                    .contains("demoevent1");
            assertStopsWithoutLeftovers(again, EndToEndStack.DATA);
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

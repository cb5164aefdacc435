package dev.deletionpipeline.reconciler.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.auth.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The dashboard's web side behind the real security filter chain, on a real port: the page is served to anyone (it
 * holds no data), every data call needs an admin token, and the stream delivers what the topics carry. No broker: the
 * test feeds the {@link OpsFeed} as the topic tail would.
 */
@SpringBootTest(
        classes = OpsDashboardWebTest.DashboardOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "deletion.reconciler.ops.api-url=http://localhost:8081",
            "deletion.reconciler.ops.worker-url=http://localhost:8082",
            "deletion.reconciler.ops.history-size=2",
            // no Kafka here, so neither the kafkaListeners nor the kafkaStreams contributor of the service's group
            "management.endpoint.health.group.liveness.include=livenessState"
        })
class OpsDashboardWebTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration VALIDITY = Duration.ofMinutes(5);

    @SpringBootConfiguration
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
            })
    @EnableConfigurationProperties(OpsSettings.class)
    @Import({OpsController.class, OpsConfig.class})
    static class DashboardOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    private OpsFeed feed;

    @LocalServerPort
    private int port;

    @Test
    void thePageIsServedWithoutAToken() throws Exception {
        HttpResponse<String> redirect = get("/ops", null);
        HttpResponse<String> page = get("/ops/", null);
        HttpResponse<String> script = get("/ops/ops.js", null);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).get().asString().endsWith("/ops/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Deletion Pipeline — Ops</title>");
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    void everyDataCallNeedsAnAdminToken() throws Exception {
        String owner = DevTokens.local().ownerToken(UUID.randomUUID(), UUID.randomUUID(), VALIDITY);
        for (String path : new String[] {"/v1/ops/services", "/v1/ops/history", "/v1/ops/stream"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, owner).statusCode()).as(path).isEqualTo(403);
        }
        HttpResponse<String> services = get("/v1/ops/services", admin());
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(services.body())
                .contains("\"apiUrl\":\"http://localhost:8081\"")
                .contains("\"workerUrl\":\"http://localhost:8082\"");
    }

    @Test
    void historyKeepsTheLatestSummariesAsPublished() throws Exception {
        for (int i = 1; i <= 3; i++) {
            feed.accept(OpsEvent.SUMMARY, "global", "{\"name\":\"global\",\"n\":" + i + "}");
        }

        HttpResponse<String> history = get("/v1/ops/history", admin());

        assertThat(history.body()).isEqualTo("[{\"name\":\"global\",\"n\":2},{\"name\":\"global\",\"n\":3}]");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theStreamDeliversSummariesAndCoalescedStatusChanges() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/ops/stream"))
                .header("Authorization", "Bearer " + admin())
                .build();
        HttpResponse<Stream<String>> stream = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        await().until(() -> feed.subscriberCount() > 0);
        Iterator<String> lines = stream.body().iterator();

        feed.accept(OpsEvent.SUMMARY, "global", "{\"name\":\"global\",\"deadlinesAtRisk\":3}");
        feed.accept(OpsEvent.STATUS, "b1", "{\"blockId\":\"b1\",\"state\":\"SOFT_DELETED\"}");
        feed.accept(OpsEvent.STATUS, "b1", "{\"blockId\":\"b1\",\"state\":\"CONFIRMED\"}");
        await().untilAsserted(() -> {
            feed.tick();
            assertThat(nextEvent(lines, "summary")).isEqualTo("{\"name\":\"global\",\"deadlinesAtRisk\":3}");
        });
        await().untilAsserted(() -> {
            feed.tick();
            assertThat(nextEvent(lines, "status"))
                    .isEqualTo("{\"statuses\":[{\"blockId\":\"b1\",\"state\":\"CONFIRMED\"}],\"omitted\":0}");
        });
        stream.body().close();
    }

    /** The data of the next event of that name; blocks until it comes. */
    private static String nextEvent(Iterator<String> lines, String name) {
        boolean named = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.equals("event:" + name)) {
                named = true;
            } else if (named && line.startsWith("data:")) {
                return line.substring("data:".length());
            }
        }
        throw new AssertionError("stream ended before a " + name + " event");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String admin() {
        return DevTokens.local().adminToken("ops", VALIDITY);
    }
}

package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The ops dashboard while the reconciler's partitions move between instances: the orphan list, a block's status and the
 * summary answer 503 with {@code Retry-After} (rather than a short list or a false 404), and the page says it will ask
 * again, does so after that many seconds, and shows the orphans, the deletion's whole timeline or the tiles once they
 * can be read,
 * without the operator reloading. In headless Chromium,
 * against a stand-in for the reconciler's HTTP side: the dashboard's own files from the reconciler's jar and canned
 * answers, because a real reconciler cannot be held in a rebalance on cue. Skipped where Chromium is not installed.
 */
class OpsDashboardRebalanceIT {

    private static final Path SCREENSHOTS = Path.of("target", "ops-dashboard");
    private static final int UNAVAILABLE_ANSWERS = 2;

    private final AtomicInteger orphanCalls = new AtomicInteger();
    private final List<Instant> orphanCallTimes = new CopyOnWriteArrayList<>();
    private final UUID orphanedBlock = UUID.randomUUID();
    private final AtomicInteger statusCalls = new AtomicInteger();
    private final AtomicInteger summaryCalls = new AtomicInteger();
    private final UUID deletionId = UUID.randomUUID();
    private final UUID block = UUID.randomUUID();
    private final Instant requestedAt = Instant.now();
    private HttpServer reconciler;
    private Chromium chromium;

    @BeforeEach
    void start() throws IOException {
        Chromium.assumeInstalled();
        reconciler = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reconciler.createContext("/ops/", this::dashboardFile);
        // this server also stands in for deletion-api (a deletion and its missing receipt); no worker
        reconciler.createContext(
                "/v1/ops/services",
                exchange -> json(exchange, 200, "{\"apiUrl\":\"%s\",\"workerUrl\":\"\"}".formatted(url())));
        reconciler.createContext("/v1/orphans", this::orphans);
        reconciler.createContext("/v1/status/", this::blockStatus);
        reconciler.createContext("/v1/summary", this::summary);
        reconciler.createContext("/v1/deletions/", this::deletion);
        reconciler.createContext("/", exchange -> problem(exchange, 404, "Not served by this test"));
        reconciler.start();
        chromium = Chromium.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (reconciler != null) {
            reconciler.stop(0);
        }
    }

    @Test
    void orphansThatCannotBeListedDuringARebalanceAreAskedForAgainAndShown() {
        WebDriver driver = signIn();

        awaitWaitingMessage(driver, "orphans-message");
        chromium.screenshot(SCREENSHOTS.resolve("orphans-while-rebalancing.png"));

        within(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                driver.findElements(By.cssSelector("[data-orphan-type='UNCONFIRMED_TIMEOUT']")))
                        .extracting(WebElement::getText)
                        .containsExactly("1"));
        assertThat(driver.findElement(By.id("orphans-message")).getText()).isEmpty();
        assertThat(orphanCalls).hasValue(UNAVAILABLE_ANSWERS + 1);
        for (int i = 1; i < orphanCallTimes.size(); i++) {
            assertThat(Duration.between(orphanCallTimes.get(i - 1), orphanCallTimes.get(i)))
                    .as("asked again only after Retry-After")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        chromium.screenshot(SCREENSHOTS.resolve("orphans-after-rebalance.png"));
    }

    @Test
    void aTimelineWhoseBlockStatusesCannotBeReadDuringARebalanceIsCompletedOnceTheyCan() {
        WebDriver driver = signIn();
        driver.findElement(By.id("timeline-id")).sendKeys(deletionId.toString());
        driver.findElement(By.id("timeline-show")).click();

        within(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(
                                driver.findElement(By.id("timeline-message")).getText())
                        .isEqualTo("The reconciler is moving its partitions: some blocks' soft deletes are not shown"
                                + " yet; asking again in 1 s."));
        assertThat(driver.findElement(By.id("timeline")).getText()).doesNotContain("soft-deleted");
        chromium.screenshot(SCREENSHOTS.resolve("timeline-while-rebalancing.png"));

        within(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(driver.findElement(By.id("timeline")).getText())
                                .contains("soft-deleted (hidden)"));
        assertThat(driver.findElement(By.id("timeline-message")).getText()).isEmpty();
        assertThat(statusCalls).hasValue(UNAVAILABLE_ANSWERS + 1);
        chromium.screenshot(SCREENSHOTS.resolve("timeline-after-rebalance.png"));
    }

    @Test
    void aSummaryThatCannotBeReadAtSignInDuringARebalanceIsAskedForAgainAndShown() {
        WebDriver driver = signIn();

        awaitWaitingMessage(driver, "summary-message");
        assertThat(driver.findElements(By.cssSelector("[data-tile]"))).isEmpty();

        within(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(driver.findElements(By.cssSelector("[data-tile='state-CONFIRMED'] .value")))
                                .extracting(WebElement::getText)
                                .containsExactly("42"));
        assertThat(driver.findElement(By.id("summary-message")).getText()).isEmpty();
        assertThat(summaryCalls).hasValue(UNAVAILABLE_ANSWERS + 1);
        chromium.screenshot(SCREENSHOTS.resolve("summary-after-rebalance.png"));
    }

    /** The panel's message says it waits for the partitions and will ask again: a warning, not an error. */
    private static void awaitWaitingMessage(WebDriver driver, String messageId) {
        within(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(
                        () -> assertThat(driver.findElement(By.id(messageId)).getText())
                                .isEqualTo("The reconciler is moving its partitions; asking again in 1 s."));
        assertThat(driver.findElement(By.id(messageId)).getAttribute("class"))
                .as("a wait, not an error")
                .contains("warn");
    }

    private WebDriver signIn() {
        WebDriver driver = chromium.driver();
        driver.get(url() + "/ops/");
        driver.findElement(By.id("token")).sendKeys("any-token-the-stand-in-accepts");
        driver.findElement(By.id("sign-in")).click();
        return driver;
    }

    private String url() {
        return "http://127.0.0.1:" + reconciler.getAddress().getPort();
    }

    /** As {@link #orphans}: a block's status, unavailable for the first calls. */
    private void blockStatus(HttpExchange exchange) throws IOException {
        if (answeredUnavailable(exchange, statusCalls)) {
            return;
        }
        json(exchange, 200, """
                {"blockId":"%s","deletionId":"%s","state":"SOFT_DELETED","softDeletedAt":"%s","updatedAt":"%s"}
                """.formatted(block, deletionId, requestedAt, requestedAt));
    }

    /** As {@link #orphans}: the ops summary, unavailable for the first calls. */
    private void summary(HttpExchange exchange) throws IOException {
        if (answeredUnavailable(exchange, summaryCalls)) {
            return;
        }
        json(exchange, 200, """
                {"name":"deletion-pipeline","generatedAt":"%s","countsByState":{"CONFIRMED":42},"deadLettersByReason":{},
                 "oldestPendingAgeMs":0,"softDeleteToConfirmMs":{"p50":0,"p95":0,"p99":0,"samples":0},"windowSeconds":3600,
                 "alreadyGoneInWindow":0,"deadlinesAtRisk":0,"deadlinesMissed":0,"deletionsWaitingForQuota":0,
                 "blocksWaitingForQuota":0}
                """.formatted(Instant.now()));
    }

    /** deletion-api's view of one single-block deletion in its grace period; it has no receipt yet. */
    private void deletion(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/receipt")) {
            problem(exchange, 404, "Not finished");
            return;
        }
        json(exchange, 200, """
                {"deletionId":"%s","requestedAt":"%s","requestedBy":"owner","scope":"BLOCK","target":"%s","blocks":1,
                 "purgeAfter":"%s","items":[{"blockId":"%s","state":"SOFT_DELETED"}],"counts":{"SOFT_DELETED":1},
                 "totalItems":1}
                """.formatted(deletionId, requestedAt, block, requestedAt.plusSeconds(30), block));
    }

    /** 503 + Retry-After: 1 for the first calls, as a reconciler whose partition is still restored answers; then one. */
    private void orphans(HttpExchange exchange) throws IOException {
        orphanCallTimes.add(Instant.now());
        if (answeredUnavailable(exchange, orphanCalls)) {
            return;
        }
        json(exchange, 200, """
                [{"type":"UNCONFIRMED_TIMEOUT","blockId":"%s","detectedAt":"%s"}]
                """.formatted(orphanedBlock, Instant.now()));
    }

    /** The first {@link #UNAVAILABLE_ANSWERS} calls: 503 + Retry-After: 1, as the reconciler answers then. */
    private static boolean answeredUnavailable(HttpExchange exchange, AtomicInteger calls) throws IOException {
        if (calls.incrementAndGet() > UNAVAILABLE_ANSWERS) {
            return false;
        }
        exchange.getResponseHeaders().add("Retry-After", "1");
        problem(exchange, 503, "The state stores are not queryable now: a partition is being restored");
        return true;
    }

    private void dashboardFile(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String file = path.endsWith("/") ? path + "index.html" : path;
        try (InputStream content = getClass().getResourceAsStream("/static" + file)) {
            if (content == null) {
                problem(exchange, 404, "No " + file);
                return;
            }
            String type = file.endsWith(".js")
                    ? "text/javascript"
                    : file.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
            send(exchange, 200, type, content.readAllBytes());
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        String body = "{\"status\":%d,\"detail\":\"%s\"}".formatted(status, detail);
        send(exchange, status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
